import { createHash } from "node:crypto";
import * as z from "zod/mini";
import { Project, ProjectMember, type ProjectRole } from "../../shared/schemas/project";
import { getItem, isConditionFailure, parseItem, putItem, queryIndex, queryPrefix, transact, txDelete, txPut, type TableRef } from "./table";

/**
 * Projects: pk `PROJECT#<id>`, sk `#PROJECT`, listed in gsi1 `PROJECTS` by creation time.
 * A membership is two items written together: `PROJECT#<id>` / `MEMBER#<memberId>` (the
 * project's member list) and `MEMBER#<memberId>` / `PROJECT#<id>` (the member's projects),
 * so both a project's members and a caller's roles are read with one consistent query.
 */
/** The project that rounds and programmes stored before projects existed belong to (migration 2 creates it). */
export const PROJECT_BEFORE_PROJECTS = "region";

const projectKey = (projectId: string) => ({ pk: `PROJECT#${projectId}`, sk: "#PROJECT" });
const memberOfProjectKey = (projectId: string, memberId: string) => ({ pk: `PROJECT#${projectId}`, sk: `MEMBER#${memberId}` });
const projectOfMemberKey = (memberId: string, projectId: string) => ({ pk: `MEMBER#${memberId}`, sk: `PROJECT#${projectId}` });

/**
 * A member's id: derived from the e-mail address (case-insensitive), so the same person is one
 * member however the address was typed, and a path names the member without the address in it.
 */
export function memberIdOf(email: string): string {
  return createHash("sha256").update(`member:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 22);
}

/** The member's side of a membership: which project, with which role. */
export const StoredMembership = z.object({ projectId: z.string(), role: z.enum(["project-owner", "facilitator", "analyst"]) });
export type StoredMembership = z.infer<typeof StoredMembership>;

const parseProject = (item: Record<string, unknown>) => parseItem(Project, "project", item);
const parseMember = (item: Record<string, unknown>) => parseItem(z.extend(ProjectMember, { projectId: z.string() }), "project member", item);

export function projectStore(table: TableRef) {
  return {
    /** False when a project with the id exists. */
    async createIfAbsent(project: Project): Promise<boolean> {
      try {
        await putItem(table, { ...projectKey(project.id), gsi1pk: "PROJECTS", gsi1sk: project.createdAt, type: "project", ...project }, "attribute_not_exists(pk)");
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async get(projectId: string): Promise<Project | undefined> {
      const found = await getItem(table, projectKey(projectId), { consistent: true });
      return found && parseProject(found);
    },
    async list(): Promise<Project[]> {
      return (await queryIndex(table, "PROJECTS")).map(parseProject);
    },
    async members(projectId: string): Promise<ProjectMember[]> {
      return (await queryPrefix(table, `PROJECT#${projectId}`, "MEMBER#", { consistent: true })).map((item) => {
        const { projectId: _projectId, ...member } = parseMember(item);
        return member;
      });
    },
    /** The caller's roles, read consistently: a role given or taken away counts from the next request. */
    async membershipsOf(email: string): Promise<StoredMembership[]> {
      const items = await queryPrefix(table, `MEMBER#${memberIdOf(email)}`, "PROJECT#", { consistent: true });
      return items.map((item) => parseItem(StoredMembership, "membership", { projectId: item.projectId, role: item.role }));
    },
    /** Adds the member or changes the role; both items or neither. */
    async setMember(projectId: string, member: { email: string; role: ProjectRole; addedAt: string; addedBy: string }): Promise<ProjectMember> {
      const id = memberIdOf(member.email);
      const email = member.email.trim().toLowerCase();
      const stored = { id, email, role: member.role, addedAt: member.addedAt, addedBy: member.addedBy, projectId };
      await transact(table, [
        txPut(table, { ...memberOfProjectKey(projectId, id), type: "project-member", ...stored }),
        txPut(table, { ...projectOfMemberKey(id, projectId), type: "membership", projectId, role: member.role }),
      ]);
      return { id, email, role: member.role, addedAt: member.addedAt, addedBy: member.addedBy };
    },
    /** False when the project has no such member. */
    async removeMember(projectId: string, memberId: string): Promise<boolean> {
      try {
        await transact(table, [
          txDelete(table, memberOfProjectKey(projectId, memberId), { ConditionExpression: "attribute_exists(pk)" }),
          txDelete(table, projectOfMemberKey(memberId, projectId)),
        ]);
        return true;
      } catch (error) {
        if ((error as Error)?.name === "TransactionCanceledException") return false;
        throw error;
      }
    },
  };
}
