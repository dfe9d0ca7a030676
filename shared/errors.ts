/**
 * Named errors the domain throws. One table maps each to an HTTP status, so no handler decides a
 * status on its own and nothing internal reaches a response.
 */
export type FieldIssue = { path: string; message: string; line?: number };

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class ValidationError extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super("validation", message, issues);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = "Sign in to continue.") {
    super("unauthorized", message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = "You do not have access to this resource.") {
    super("forbidden", message);
  }
}
export class NotFoundError extends DomainError {
  constructor(message = "Not found.") {
    super("not-found", message);
  }
}
export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
/** The link's round has closed: the participant is told so, and whom to contact. */
export class GoneError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(message = "The request is too large.") {
    super("too-large", message);
  }
}
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super("unsupported-media-type", message);
  }
}

export const HTTP_STATUS_BY_ERROR: ReadonlyArray<[new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [GoneError, 410],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
];

export function httpStatusOf(error: unknown): number {
  for (const [type, status] of HTTP_STATUS_BY_ERROR) if (error instanceof type) return status;
  return 500;
}

/** Turns zod issues into field issues with dotted paths, the shape every 400 carries. */
export function fieldIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
