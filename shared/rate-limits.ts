/**
 * Per-client request limits on a path and the paths below it, counted per IP over the window,
 * the same on AWS and on the local stack (infra/local/request-guard.ts). On AWS (infra/constructs/
 * edge-protection.ts) a limit `on: "site"` is a WAF rate-based rule of the CloudFront
 * distribution, scoped down to its path; `on: "sign-in"` is one of the WAF web ACL of the owners'
 * Cognito user pool, whose hosted UI is not behind CloudFront (locally POST /api/dev/sign-in
 * stands in for it). Participants' token routes and the sign-in are what a guesser or a flood
 * would aim at; the limits leave a participant who saves a draft every few seconds far below them.
 */
import { FORM_API_PATH } from "./form-link";

export type RateLimit = {
  id: string;
  pathPrefix: string;
  /** A whole number of at least 10 (AWS WAF's smallest rate limit). */
  limit: number;
  /** One of AWS WAF's evaluation windows: 60, 120, 300 or 600 seconds. */
  windowSeconds: 60 | 120 | 300 | 600;
  on: "site" | "sign-in";
};

export const RATE_LIMITS: readonly RateLimit[] = [
  // /api/form, /api/form/draft, /api/form/submit (the token travels in a header: shared/form-link.ts)
  { id: "forms", pathPrefix: FORM_API_PATH, limit: 300, windowSeconds: 300, on: "site" },
  { id: "sign-in", pathPrefix: "/api/dev/sign-in", limit: 100, windowSeconds: 300, on: "sign-in" },
];

/**
 * The consortium's deployment (infra/stacks/consortium-app.ts): its API reads and merges every
 * member's exports on each request, so a flood costs S3 reads and Lambda time; a reader who
 * reloads the page now and then stays far below.
 */
export const CONSORTIUM_RATE_LIMITS: readonly RateLimit[] = [
  { id: "consortium", pathPrefix: "/api/consortium", limit: 300, windowSeconds: 300, on: "site" },
  // The workbook is built from every member's tables each time: fewer of those.
  { id: "consortium-xlsx", pathPrefix: "/api/consortium.xlsx", limit: 60, windowSeconds: 300, on: "site" },
];

/** The answer to a client over its limit (status 429), here and from the WAF rules. */
export const TOO_MANY_REQUESTS = { code: "too-many-requests", message: "Too many requests from here; try again in a little while." } as const;
