import { ROLE_CAPABILITIES, type Capability, type ProjectRole } from "../../shared/schemas/project";
import { ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { Owner } from "./owner";

export { ROLE_CAPABILITIES, type Capability } from "../../shared/schemas/project";

/**
 * Who may call a route:
 * - public: anyone (participant routes, health);
 * - signed-in: any user of the region (their own profile and projects);
 * - region-admin: the region's admins;
 * - registry: the region's shared organisation registry, for admins and for owners of any project;
 * - project: within one project, named by the path's resource or the body's `projectId`. For a
 *   round, `work` asks `manage` of a survey round and `programme-work` of a programme's round.
 *   `admin` lets a region admin in without being a member (the project's own page).
 * - projects: a list over the caller's projects (or one, `?project=`) where they hold `need`.
 */
export type RouteAccess =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "region-admin" }
  | { kind: "registry" }
  | { kind: "project"; of: "round" | "programme" | "project" | "body"; need: Capability | "work"; admin?: true }
  | { kind: "projects"; need: Capability };

export const can = (role: ProjectRole | undefined, need: Capability): boolean => !!role && ROLE_CAPABILITIES[role].includes(need);

const notFound = () => new NotFoundError("No such resource.");
const forbidden = () => new ForbiddenError("Your role does not allow this.");

/** The projects where the caller holds `need`. */
export function projectsWhere(owner: Owner, need: Capability): string[] {
  return [...owner.roles].filter(([, role]) => can(role, need)).map(([projectId]) => projectId);
}

/**
 * The project a project-scoped route acts in, once the caller may act there. A resource of a
 * project the caller is not a member of answers 404, as if it did not exist; a member whose role
 * does not allow the route gets 403.
 */
export async function authorizeProject(
  deps: Pick<Deps, "stores">,
  owner: Owner,
  access: Extract<RouteAccess, { kind: "project" }>,
  target: { pathId?: string; body?: () => unknown },
): Promise<string> {
  let projectId: string | undefined;
  let need: Capability = access.need === "work" ? "manage" : access.need;
  if (access.of === "body") {
    // Whoever may not do this in any project is refused before the body is read.
    const where = projectsWhere(owner, need);
    if (where.length === 0) throw forbidden();
    const named = bodyProjectId(target.body?.());
    if (named === undefined) {
      if (where.length > 1) throw new ValidationError("Say which project this belongs to.", [{ path: "projectId", message: "error.required" }]);
      return where[0]!;
    }
    projectId = named;
  } else if (access.of === "project") {
    projectId = target.pathId;
    if (projectId && access.admin && owner.regionAdmin) {
      if (!(await deps.stores.projects.get(projectId))) throw notFound();
      return projectId;
    }
  } else if (access.of === "round") {
    const round = target.pathId ? await deps.stores.rounds.get(target.pathId) : undefined;
    projectId = round?.projectId;
    if (round?.programmeId && access.need === "work") need = "programme-work";
  } else {
    const programme = target.pathId ? await deps.stores.programmes.get(target.pathId) : undefined;
    projectId = programme?.projectId;
  }
  const role = projectId ? owner.roles.get(projectId) : undefined;
  if (!projectId || !role) throw notFound();
  if (!can(role, need)) throw forbidden();
  return projectId;
}

function bodyProjectId(body: unknown): string | undefined {
  if (body === null || typeof body !== "object" || !("projectId" in body)) return undefined;
  const value = (body as { projectId: unknown }).projectId;
  if (typeof value !== "string") throw new ValidationError("projectId must be a project's id.", [{ path: "projectId", message: "error.id" }]);
  return value;
}

/** The projects a list route covers: the one asked for (which the caller must hold `need` in), or all the caller's. */
export function listedProjects(owner: Owner, need: Capability, asked: string | undefined): string[] {
  if (asked === undefined) return projectsWhere(owner, need);
  if (!owner.roles.has(asked)) throw notFound();
  if (!can(owner.roles.get(asked), need)) throw forbidden();
  return [asked];
}

/** The registry is the region's: its admins, and the owners of any of its projects, keep it. */
export function authorizeRegistry(owner: Owner): void {
  if (owner.regionAdmin || projectsWhere(owner, "manage").length > 0) return;
  throw forbidden();
}

export function authorizeRegionAdmin(owner: Owner): void {
  if (!owner.regionAdmin) throw new ForbiddenError("Only the region's administrators may do this.");
}
