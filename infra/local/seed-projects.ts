import type { Project, ProjectRole } from "../../shared/schemas/project";
import { call, expectOk } from "./seed-http";

/**
 * The demo region's projects: an industry centre's skills-needs survey and a Teknikcollege's
 * learning programme, as two organisations of one region run them side by side. The demo owner
 * owns both; a facilitator and an analyst show the narrower roles.
 */
export const DEMO_PROJECTS = {
  survey: { name: "Industricentrum Östergötland: kompetensbehov", kind: "industry-centre", description: "Kompetensbehovsinventering bland industriföretagen i länet." },
  programme: { name: "Teknikcollege Östergötland: kompetenslyft", kind: "teknikcollege", description: "Lärande nätverk för strategisk kompetensförsörjning i små och medelstora företag." },
} as const;

export const DEMO_MEMBERS: { email: string; project: keyof typeof DEMO_PROJECTS; role: ProjectRole }[] = [
  { email: "agneta.owner@example.se", project: "survey", role: "project-owner" },
  { email: "agneta.owner@example.se", project: "programme", role: "project-owner" },
  { email: "fia.facilitator@example.se", project: "programme", role: "facilitator" },
  { email: "anders.analytiker@example.se", project: "survey", role: "analyst" },
];

export type DemoProjectIds = Record<keyof typeof DEMO_PROJECTS, string>;

/** Creates the demo projects and members that are not there yet (by name), as a region admin. */
export async function seedDemoProjects(baseUrl: string, adminToken: string, log: (line: string) => void = () => {}): Promise<DemoProjectIds> {
  const existing = (await expectOk<{ items: Project[] }>("list projects", call(baseUrl, "GET", "/api/projects", { token: adminToken }))).items;
  const ids = {} as DemoProjectIds;
  for (const [key, project] of Object.entries(DEMO_PROJECTS) as [keyof typeof DEMO_PROJECTS, (typeof DEMO_PROJECTS)[keyof typeof DEMO_PROJECTS]][]) {
    const found = existing.find((p) => p.name === project.name);
    ids[key] = found?.id ?? (await expectOk<Project>(`create project ${project.name}`, call(baseUrl, "POST", "/api/projects", { token: adminToken, json: project }))).id;
  }
  for (const m of DEMO_MEMBERS) {
    await expectOk(`add ${m.email}`, call(baseUrl, "PUT", `/api/projects/${encodeURIComponent(ids[m.project])}/members`, { token: adminToken, json: { email: m.email, role: m.role } }));
  }
  log(`projects: ${Object.values(DEMO_PROJECTS).map((p) => p.name).join("; ")} (${DEMO_MEMBERS.length} memberships)`);
  return ids;
}
