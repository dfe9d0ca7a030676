import { PROJECT_BEFORE_PROJECTS } from "../stores/projects";
import type { MigrationDeps } from "./organisation-unit";

/**
 * Schema version 2: rounds and programmes belong to projects. What was stored before belongs to
 * one project made for it, "region", which a region admin then gives members (nobody is a member
 * of it at first, so nobody sees it until an admin says who should). The project is made only
 * where there is something to put in it, and the id is written onto each listed round and
 * programme; a learning cycle's own rounds (not listed) read as their programme's project
 * through the stores' default. Every step is conditional, so a second run changes nothing.
 */
export type ProjectsSummary = { projectCreated: boolean; rounds: number; programmes: number };

export async function migrateToProjects(deps: MigrationDeps): Promise<ProjectsSummary> {
  const { stores } = deps;
  const rounds = (await stores.rounds.list()).filter((r) => r.projectId === PROJECT_BEFORE_PROJECTS);
  const programmes = (await stores.programmes.list()).filter((p) => p.projectId === PROJECT_BEFORE_PROJECTS);
  const summary: ProjectsSummary = { projectCreated: false, rounds: 0, programmes: 0 };
  if (!rounds.length && !programmes.length) return summary;
  summary.projectCreated = await stores.projects.createIfAbsent({
    id: PROJECT_BEFORE_PROJECTS,
    name: "Regionens omgångar och program (från före projekten)",
    kind: "region",
    createdAt: deps.clock().toISOString(),
    createdBy: "migration 2",
  });
  for (const r of rounds) if (await stores.rounds.adoptIntoProject(r.id, PROJECT_BEFORE_PROJECTS)) summary.rounds++;
  for (const p of programmes) if (await stores.programmes.adoptIntoProject(p.id, PROJECT_BEFORE_PROJECTS)) summary.programmes++;
  return summary;
}
