// The participant form's requests and page states, shared by the page and the form.
import type { FormView, Instrument } from "../../../../shared/schemas";
import { FORM_API_PATH } from "../../../../shared/form-link";
import { ApiError, NetworkError } from "../../lib/api";

export type FormValues = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type PageState =
  | { kind: "loading" }
  | { kind: "form"; view: FormView }
  | { kind: "done"; at: string; view?: FormView; answers?: FormValues }
  | { kind: "already"; at?: string }
  | { kind: "gone" }
  | { kind: "replaced" }
  | { kind: "invalid" }
  | { kind: "error"; error: unknown };

/**
 * Validation (zod/mini, answersSchema and the zod resolver) is a chunk of its own, so that the
 * participant route's first step does not wait for it (DESIGN.md, "Budgets"). The form starts
 * loading it once its first step is on screen; the resolver and the draft save wait for it.
 */
let validation: Promise<typeof import("./validation")> | undefined;
export function loadValidation(): Promise<typeof import("./validation")> {
  validation ??= import("./validation").catch(() => {
    validation = undefined; // try again on the next check or save
    throw new NetworkError();
  });
  return validation;
}

/** The form API's path; the token goes with the request as `formToken` (a header), never in the path. */
export const formUrl = (suffix: "" | "/draft" | "/submit" = "") => `${FORM_API_PATH}${suffix}`;

/** What a failed participant request means for the page, if it ends the form. */
export function outcomeOf(error: unknown): PageState | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return { kind: "invalid" };
  if (error.status === 410) return error.code === "link-replaced" ? { kind: "replaced" } : { kind: "gone" };
  if (error.status === 409) return { kind: "already" };
  return null;
}

/** Form values from a saved draft: lists need an array, text needs a string. */
export function initialValues(instrument: Instrument, draft: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const block of instrument.blocks)
    for (const q of block.questions) {
      const v = draft[q.id];
      if (q.type === "multi" || q.type === "occupations") values[q.id] = Array.isArray(v) ? v : [];
      else if (q.type === "needMatrix") values[q.id] = v && typeof v === "object" ? v : {};
      else if (q.type === "text") values[q.id] = typeof v === "string" ? v : "";
      else values[q.id] = v;
    }
  return values;
}

