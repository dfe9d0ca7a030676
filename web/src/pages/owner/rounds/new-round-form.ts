import type { SizeClass } from "../../../../../shared/schemas";
import type { MessageKey } from "../../../i18n";
import { toLocalInput } from "../../../lib/format";

// The new-round page's values and checks, apart from its markup.

export function defaults() {
  const opens = new Date();
  opens.setMinutes(0, 0, 0);
  opens.setHours(opens.getHours() + 1);
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 14);
  closes.setHours(17, 0, 0, 0);
  return { opensAt: toLocalInput(opens), closesAt: toLocalInput(closes) };
}

/** The size classes of shared/schemas/common.ts (listed here so that this chunk imports no zod at run time). */
export const SIZE_CLASSES: readonly SizeClass[] = ["0-9", "10-49", "50-249", "250+"];


export type Errors = Record<string, string>;

/** The checks a person most often needs at once (the API repeats them with the shared schema). */
export function quickCheck(body: { name: string; opensAt: string; closesAt: string; reminders: string[] }) {
  const issues: { path: string; message: string }[] = [];
  if (!body.name.trim()) issues.push({ path: "name", message: "error.required" });
  const opens = Date.parse(body.opensAt);
  const closes = Date.parse(body.closesAt);
  if (Number.isNaN(opens)) issues.push({ path: "opensAt", message: "error.datetime" });
  if (Number.isNaN(closes)) issues.push({ path: "closesAt", message: "error.datetime" });
  else if (!Number.isNaN(opens) && closes <= opens) issues.push({ path: "closesAt", message: "error.closesBeforeOpens" });
  body.reminders.forEach((r, i) => {
    const at = Date.parse(r);
    if (Number.isNaN(at)) issues.push({ path: `reminders.${i}`, message: "error.datetime" });
    else if (!(at > opens && at < closes)) issues.push({ path: `reminders.${i}`, message: "error.reminderOutsideWindow" });
  });
  return issues;
}

export type Mode = "all" | "filter" | "list";

/** The body of POST /api/rounds and the recipient part of POST /api/rounds/preview. */
export function recipientsOf(mode: Mode, sni: string[], municipalities: string[], sizes: string[], orgs: string[]) {
  const recipients: Record<string, string[]> = {};
  if (mode === "filter") {
    if (sni.length) recipients.sniDivisions = sni;
    if (municipalities.length) recipients.municipalities = municipalities;
    if (sizes.length) recipients.sizeClasses = sizes;
  } else if (mode === "list") recipients.organisationIds = orgs;
  return recipients;
}

/** The input an API or quick-check issue belongs to, by the issue's path. */
export function errorKey(path: string): string {
  const [head, second] = path.split(".");
  if (head === "reminders") return second !== undefined && /^\d+$/.test(second) ? `reminders.${second}` : "reminders";
  if (head === "recipients")
    return second === "sniDivisions" ? "sni" : second === "municipalities" ? "municipalities" : second === "organisationIds" ? "orgs" : "sizes";
  if (head === "invitationText") return second === "en" ? "textEn" : "textSv";
  return head;
}

/** The label of each input, for the error summary's links. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  name: "newRound.name",
  opensAt: "newRound.opensAt",
  closesAt: "newRound.closesAt",
  reminders: "newRound.reminders",
  sni: "newRound.sniDivisions",
  municipalities: "newRound.municipalities",
  sizes: "newRound.sizeClasses",
  orgs: "newRound.orgs",
  textSv: "newRound.textSv",
  textEn: "newRound.textEn",
};
