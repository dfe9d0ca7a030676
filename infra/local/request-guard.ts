import type { IncomingMessage } from "node:http";
import { RATE_LIMITS, TOO_MANY_REQUESTS, type RateLimit } from "../../shared/rate-limits";

/**
 * What the local stack checks before it routes a request:
 * - the Host header names this machine (localhost, 127.0.0.1, [::1], or the interface it listens
 *   on), so that a web page whose own name has been re-pointed at 127.0.0.1 (DNS rebinding)
 *   cannot drive the API with the browser's help;
 * - the per-client limits of shared/rate-limits.ts, counted per remote address in a sliding window
 *   on the limit's path and the paths below it (as the WAF rules on AWS match them).
 */
export type GuardVerdict = { ok: true } | { ok: false; status: 421 | 429; code: string; message: string; retryAfterSeconds?: number };

const LOCAL_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0];
}

export function requestGuard(options: { listenHost: string; limits?: readonly RateLimit[]; now?: () => number }) {
  const allowed = new Set([...LOCAL_NAMES, options.listenHost.toLowerCase()]);
  const limits = options.limits ?? RATE_LIMITS;
  const now = options.now ?? Date.now;
  // limit id -> client -> request times (ms), oldest first
  const seen = new Map<string, Map<string, number[]>>();

  return {
    check(req: Pick<IncomingMessage, "headers" | "socket">, pathname: string): GuardVerdict {
      const host = hostName(req.headers.host);
      if (!host || !allowed.has(host))
        return { ok: false, status: 421, code: "misdirected", message: "This local stack answers requests for localhost only." };
      const limit = limits.find((l) => pathname === l.pathPrefix || pathname.startsWith(`${l.pathPrefix}/`));
      if (!limit) return { ok: true };
      const client = req.socket.remoteAddress ?? "unknown";
      let byClient = seen.get(limit.id);
      if (!byClient) seen.set(limit.id, (byClient = new Map()));
      const t = now();
      const since = t - limit.windowSeconds * 1000;
      const times = (byClient.get(client) ?? []).filter((x) => x > since);
      if (times.length >= limit.limit) {
        byClient.set(client, times);
        const retryAfterSeconds = Math.max(1, Math.ceil((times[0] - since) / 1000));
        return { ok: false, status: 429, ...TOO_MANY_REQUESTS, retryAfterSeconds };
      }
      times.push(t);
      byClient.set(client, times);
      return { ok: true };
    },
  };
}
