/**
 * Per-client request limits on a path and the paths below it, the same on AWS (WAF rate-based rules on the CloudFront
 * distribution, counted per IP over the window) and on the local stack (infra/local/request-guard.ts).
 * Participants' token routes and the sign-in are what a guesser or a flood would aim at; the
 * limits leave a participant who saves a draft every few seconds far below them.
 */
import { FORM_API_PATH } from "./form-link";

export type RateLimit = { id: string; pathPrefix: string; limit: number; windowSeconds: number };

export const RATE_LIMITS: readonly RateLimit[] = [
  // /api/form, /api/form/draft, /api/form/submit (the token travels in a header: shared/form-link.ts)
  { id: "forms", pathPrefix: FORM_API_PATH, limit: 300, windowSeconds: 300 },
  { id: "sign-in", pathPrefix: "/api/dev/sign-in", limit: 100, windowSeconds: 300 },
];
