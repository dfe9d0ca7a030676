import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { CreateRoundRequest, type SizeClass } from "../../../../../shared/schemas";
import type { MessageKey } from "../../../i18n";
import { localToIso, toLocalInput } from "../../../lib/format";

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

/** The size classes of shared/schemas/common.ts, in the order the page lists them. */
export const SIZE_CLASSES: readonly SizeClass[] = ["0-9", "10-49", "50-249", "250+"];


export type Errors = Record<string, string>;

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

/** The new-round page's form values (times as the datetime-local inputs hold them). */
export type RoundForm = {
  name: string;
  instrument: string; // "<id>@<version>"
  opensAt: string;
  closesAt: string;
  reminders: string[];
  mode: Mode;
  sni: string[];
  municipalities: string[];
  sizes: string[];
  orgIds: string[];
  textSv: string;
  textEn: string;
};

export function formDefaults(): RoundForm {
  return { name: "", instrument: "skills-needs@2", ...defaults(), reminders: [], mode: "all", sni: [], municipalities: [], sizes: [], orgIds: [], textSv: "", textEn: "" };
}

export const invitationTextOf = (v: Pick<RoundForm, "textSv" | "textEn">) => (v.textSv.trim() || v.textEn.trim() ? { sv: v.textSv, en: v.textEn } : undefined);

/** The body of POST /api/rounds. */
export function requestOf(v: RoundForm) {
  const [instrumentId, version] = v.instrument.split("@");
  return {
    name: v.name,
    instrumentId,
    instrumentVersion: Number(version),
    opensAt: localToIso(v.opensAt),
    closesAt: localToIso(v.closesAt),
    reminders: v.reminders.filter(Boolean).map(localToIso),
    recipients: recipientsOf(v.mode, v.sni, v.municipalities, v.sizes, v.orgIds),
    invitationText: invitationTextOf(v),
  };
}

export type Issue = { path: string; message: string };

function flatten(errors: FieldErrors, prefix: string, out: Issue[]) {
  for (const [key, value] of Object.entries(errors)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value.message === "string") out.push({ path, message: value.message });
    else if (value && typeof value === "object") flatten(value as FieldErrors, path, out);
  }
  return out;
}

const bodyResolver = zodResolver(CreateRoundRequest);

/**
 * The page's checks: the request body against the shared CreateRoundRequest (through the zod
 * resolver), with the window issue placed on the reminders outside it and a closing time not
 * compared with an opening time that is no time at all; plus the recipients a mode needs.
 */
export const roundResolver: Resolver<RoundForm> = async (values, context, options) => {
  const body = requestOf(values);
  const result = await bodyResolver(body, context, { ...options, names: undefined, fields: {} } as never);
  const opens = Date.parse(body.opensAt);
  const closes = Date.parse(body.closesAt);
  const issues: Issue[] = [];
  for (const issue of flatten(result.errors as FieldErrors, "", [])) {
    if (issue.message === "error.closesBeforeOpens" && Number.isNaN(opens)) continue;
    if (issue.path === "reminders" && issue.message === "error.reminderOutsideWindow") {
      body.reminders.forEach((r, i) => {
        const at = Date.parse(r);
        if (!Number.isNaN(at) && !(at > opens && at < closes)) issues.push({ path: `reminders.${i}`, message: issue.message });
      });
    } else issues.push(issue);
  }
  const { mode, sni, municipalities, sizes, orgIds } = values;
  if (mode === "filter" && !sni.length && !municipalities.length && !sizes.length) issues.push({ path: "recipients.sniDivisions", message: "newRound.filterRequired" });
  if (mode === "list" && !orgIds.length) issues.push({ path: "recipients.organisationIds", message: "newRound.orgsRequired" });
  if (!issues.length) return { values, errors: {} };
  return { values: {}, errors: Object.fromEntries(issues.map((i) => [i.path, { type: "validate", message: i.message }])) };
};
