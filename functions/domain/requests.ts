import { ValidationError, fieldIssues, type FieldIssue } from "../../shared/errors";

/** The 400 of a request with marked fields. */
export const invalid = (issues: FieldIssue[]) => new ValidationError("Check the marked fields.", issues);

/** The request parsed with its schema, or a 400 naming each field that needs another look. */
export function parseRequest<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(fieldIssues(parsed.error.issues));
  return parsed.data;
}
