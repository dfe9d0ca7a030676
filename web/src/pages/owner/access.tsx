import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Me, ProjectRole } from "../../../../shared/schemas/project";
import { ROLE_CAPABILITIES, type Capability } from "../../../../shared/schemas/project";
import { useI18n } from "../../i18n";
import { PROJECT_TEXTS } from "./projects/project-texts";

/**
 * Who the signed-in user is (GET /api/me) and the project they are working in. The pages ask it
 * what to offer; the API decides what is allowed, and this only keeps the pages from offering
 * what it would refuse (ROLE_CAPABILITIES is the API's own table).
 */
export type Access = {
  me: Me;
  /** The project chosen in the header (or the only one); null for a user with no project. */
  project: Me["projects"][number] | null;
  setProject: (id: string) => void;
  /** The caller's role in a project (the current one when no id is given). */
  roleIn: (projectId?: string) => ProjectRole | undefined;
  /** The caller's role allows `need` in the project (the current one when no id is given). */
  can: (need: Capability, projectId?: string) => boolean;
  /** The region's registry (organisations, persons, import): region admins and project owners. */
  registry: boolean;
};

const AccessContext = createContext<Access | null>(null);
const STORAGE_KEY = "kb.owner.project";

function rememberedProject(): string | null {
  const asked = new URLSearchParams(window.location.search).get("project");
  if (asked) return asked;
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function AccessProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(rememberedProject);
  const setProject = useCallback((id: string) => {
    setChosen(id);
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<Access>(() => {
    const project = me.projects.find((p) => p.id === chosen) ?? me.projects[0] ?? null;
    const roleIn = (projectId?: string) => me.projects.find((p) => p.id === (projectId ?? project?.id))?.role;
    const can = (need: Capability, projectId?: string) => {
      const role = roleIn(projectId);
      return !!role && ROLE_CAPABILITIES[role].includes(need);
    };
    const registry = me.regionAdmin || me.projects.some((p) => ROLE_CAPABILITIES[p.role].includes("manage"));
    return { me, project, setProject, roleIn, can, registry };
  }, [me, chosen, setProject]);
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error("useAccess outside AccessProvider");
  return access;
}

/** `?project=<id>` of a list request for the current project, or nothing. */
export function projectQuery(access: Access): string {
  return access.project ? `?project=${encodeURIComponent(access.project.id)}` : "";
}

export type ProjectTextKey = keyof typeof PROJECT_TEXTS.sv;

/** The project and role texts (project-texts.ts), typed by their keys. */
export function useProjectTexts() {
  const { tMessage } = useI18n();
  return (key: ProjectTextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
}
