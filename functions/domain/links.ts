import type { Deps } from "../adapters/ports";

/** An absolute link into the site (participant links, owner pages) for a mail. */
export function siteLink(deps: Pick<Deps, "siteUrl">, path: string): string {
  return `${deps.siteUrl.replace(/\/$/, "")}${path}`;
}
