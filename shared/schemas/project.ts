import * as z from "zod/mini";
import { Email, Id, IsoDateTime, LIMITS, multiLine, requiredLine } from "./common";

/**
 * A region runs several projects (an industry centre's, a Teknikcollege's, a municipality's, the
 * Public Employment Service's). The organisation registry is the region's; rounds, programmes,
 * their releases, raw answers, invitation lists and exports belong to one project and its members.
 */
export const PROJECT_KINDS = ["industry-centre", "teknikcollege", "municipality", "employment-service", "region", "other"] as const;
export const ProjectKind = z.enum(PROJECT_KINDS);
export type ProjectKind = z.infer<typeof ProjectKind>;

/**
 * A member's role in one project:
 * - project-owner: runs the project's rounds and programmes, and may use the region's registry;
 * - facilitator: runs the project's learning programmes and reads released results;
 * - analyst: reads released results only, never personal data.
 */
export const PROJECT_ROLES = ["project-owner", "facilitator", "analyst"] as const;
export const ProjectRole = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRole>;

/**
 * What a project role may do in its project:
 * - list: see the project's rounds and programmes (names, dates, status);
 * - read-releases: read released results (protected tables, their CSV, the programme report);
 * - programme-work: run the project's learning programmes and their rounds;
 * - manage: everything in the project, survey rounds with their invitation lists, raw answers and exports.
 */
export type Capability = "list" | "read-releases" | "programme-work" | "manage";

export const ROLE_CAPABILITIES: Record<ProjectRole, readonly Capability[]> = {
  "project-owner": ["list", "read-releases", "programme-work", "manage"],
  facilitator: ["list", "read-releases", "programme-work"],
  analyst: ["list", "read-releases"],
};

/**
 * Region-wide roles are Cognito groups (claims of the sign-in token): region admins administer
 * projects, members, the registry, personal data and the audit log; consortium readers read the
 * consortium's cross-region releases.
 */
export const REGION_GROUPS = { regionAdmin: "region-admins", consortiumReader: "consortium-readers" } as const;
export type RegionGroup = (typeof REGION_GROUPS)[keyof typeof REGION_GROUPS];

export const Project = z.object({
  id: Id,
  name: requiredLine(LIMITS.name),
  kind: ProjectKind,
  description: z.optional(multiLine(LIMITS.text)),
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type Project = z.infer<typeof Project>;

export const CreateProjectRequest = z.object({
  name: requiredLine(LIMITS.name),
  kind: ProjectKind,
  description: z.optional(multiLine(LIMITS.text)),
});
export type CreateProjectRequest = z.infer<typeof CreateProjectRequest>;

/** Adds a member to a project, or changes the member's role. */
export const SetMemberRequest = z.object({ email: Email, role: ProjectRole });
export type SetMemberRequest = z.infer<typeof SetMemberRequest>;

export const ProjectMember = z.object({
  /** Opaque and stable per e-mail address: what a path names the member by. */
  id: Id,
  email: Email,
  role: ProjectRole,
  addedAt: IsoDateTime,
  addedBy: z.string(),
});
export type ProjectMember = z.infer<typeof ProjectMember>;

export const ProjectWithMembers = z.extend(Project, { members: z.array(ProjectMember) });
export type ProjectWithMembers = z.infer<typeof ProjectWithMembers>;

/** Who the signed-in user is to this region: `GET /api/me`. */
export const Me = z.object({
  email: z.string(),
  regionId: z.string(),
  regionAdmin: z.boolean(),
  consortiumReader: z.boolean(),
  projects: z.array(z.object({ id: Id, name: z.string(), kind: ProjectKind, role: ProjectRole })),
});
export type Me = z.infer<typeof Me>;
