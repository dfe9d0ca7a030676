import { CreateProjectRequest, SetMemberRequest, type Me, type Project, type ProjectMember, type ProjectWithMembers } from "../../shared/schemas/project";
import { NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import type { Owner } from "./owner";
import { parseRequest as parse } from "./requests";
import { newId } from "./tokens";

export async function createProject(deps: Deps, input: unknown, owner: Owner): Promise<Project> {
  const req = parse(CreateProjectRequest, input);
  const project: Project = { id: newId(), name: req.name, kind: req.kind, description: req.description, createdAt: deps.clock().toISOString(), createdBy: owner.email };
  // A fresh random id: a project with it already there is a fault, not the admin's conflict.
  if (!(await deps.stores.projects.createIfAbsent(project))) throw new Error("A new project's id is taken");
  return project;
}

/** Region admins see every project of the region; anyone else the projects they are a member of. */
export async function listProjects(deps: Deps, owner: Owner): Promise<Project[]> {
  const all = await deps.stores.projects.list();
  return owner.regionAdmin ? all : all.filter((p) => owner.roles.has(p.id));
}

export async function getProject(deps: Deps, projectId: string): Promise<ProjectWithMembers> {
  const project = await deps.stores.projects.get(projectId);
  if (!project) throw new NotFoundError("No such project.");
  const members = (await deps.stores.projects.members(projectId)).sort((a, b) => a.email.localeCompare(b.email));
  return { ...project, members };
}

/**
 * Adds a member or changes their role. The person needs a sign-in account of the region to act on
 * it: where the region has a user directory (Cognito on AWS), one is made if they have none.
 */
export async function setMember(deps: Deps, projectId: string, input: unknown, owner: Owner): Promise<ProjectMember> {
  const req = parse(SetMemberRequest, input);
  if (!(await deps.stores.projects.get(projectId))) throw new NotFoundError("No such project.");
  const email = req.email.trim().toLowerCase();
  await deps.users?.ensureUser(email);
  return deps.stores.projects.setMember(projectId, { email, role: req.role, addedAt: deps.clock().toISOString(), addedBy: owner.email });
}

export async function removeMember(deps: Deps, projectId: string, memberId: string): Promise<{ removed: true }> {
  if (!(await deps.stores.projects.get(projectId))) throw new NotFoundError("No such project.");
  if (!(await deps.stores.projects.removeMember(projectId, memberId))) throw new NotFoundError("The project has no such member.");
  return { removed: true };
}

export async function me(deps: Deps, owner: Owner): Promise<Me> {
  const projects = (await deps.stores.projects.list()).flatMap((p) => {
    const role = owner.roles.get(p.id);
    return role ? [{ id: p.id, name: p.name, kind: p.kind, role }] : [];
  });
  return { email: owner.email, regionId: deps.regionId, regionAdmin: owner.regionAdmin, consortiumReader: owner.consortiumReader, projects };
}
