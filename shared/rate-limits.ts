/**
 * Per-client request limits, the same on AWS (WAF rate-based rules on the CloudFront
 * distribution, counted per IP over the window) and on the local stack (infra/local/request-guard.ts).
 * Participants' token routes and the sign-in are what a guesser or a flood would aim at; the
 * limits leave a participant who saves a draft every few seconds far below them.
 */
export type RateLimit = { id: string; pathPrefix: string; limit: number; windowSeconds: number };

export const RATE_LIMITS: readonly RateLimit[] = [
  { id: "forms", pathPrefix: "/api/forms/", limit: 300, windowSeconds: 300 },
  { id: "sign-in", pathPrefix: "/api/dev/sign-in", limit: 100, windowSeconds: 300 },
];
