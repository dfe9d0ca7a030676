import type { ProjectRole } from "../../shared/schemas/project";

/**
 * The signed-in user a use case acts for. The API has checked the token's region, read the
 * region-wide roles from its groups and the project roles from the table before a use case runs.
 */
export type Owner = {
  sub: string;
  email: string;
  regionAdmin: boolean;
  consortiumReader: boolean;
  /** The caller's role in each project they are a member of. */
  roles: ReadonlyMap<string, ProjectRole>;
  /** The project the route acts in, when it acts in one (resolved from the path or the body). */
  projectId?: string;
};

/** The project a project-scoped route acts in: the API resolved it before the use case runs. */
export function requireProject(owner: Pick<Owner, "projectId">): string {
  if (!owner.projectId) throw new Error("A project-scoped use case ran without its project");
  return owner.projectId;
}
