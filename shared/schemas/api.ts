import type { ReleaseSummary } from "./release";
import type { Answers, Instrument } from "./instrument";
import type { Round, RoundStatus } from "./round";
import type { InvitationStatus } from "./invitation";

/**
 * Response bodies of the HTTP API. Requests are validated by the zod schemas beside this file;
 * responses are plain types shared by the handlers and the site.
 */
export type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string; line?: number }[] } };

/** The encodings a CSV import detects (shared/csv.ts). */
export const CSV_ENCODINGS = ["utf-8", "windows-1252", "iso-8859-1"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export type ImportReport = {
  imported: number;
  /** Rows whose organisation is registered with the same details: nothing to write (a re-run). */
  unchanged: number;
  /** Rows whose organisation number is registered with other details: left as registered. */
  skipped: number;
  errors: { line: number; field: string; message: string }[];
  /** How the file was read: its detected encoding (and whether it had a UTF-8 BOM), separator and data rows. */
  file: { encoding: CsvEncoding; bom: boolean; delimiter: "," | ";"; rows: number };
  /** The first good rows as decoded, with what the import does (did) with each. */
  sample: { line: number; orgNumber: string; name: string; outcome: "new" | "unchanged" | "skipped" }[];
};

export type SegmentRate = { segment: string; label: string; invited: number; opened: number; submitted: number; responseRate: number };
export type RoundStatusView = Round & {
  /** What the round counts: organisations (skills-needs) or persons (a programme's rounds). */
  unit: "organisation" | "person";
  rates: {
    total: SegmentRate;
    byIndustry: SegmentRate[];
    byMunicipality: SegmentRate[];
    bySize: SegmentRate[];
  };
};

export type FormView = {
  /** `brief`: what the participant is asked to do, for a home assignment (the facilitator's text). */
  round: { id: string; name: string; closesAt: string; status: RoundStatus; brief?: { sv: string; en: string } };
  organisation: { name: string; orgNumber: string; sni: string; municipality: string; sizeClass: string };
  language: "sv" | "en";
  status: InvitationStatus;
  instrument: Instrument;
  draft: Answers;
  submittedAt?: string;
};

export const RESULT_DIMENSIONS = ["industry", "section", "municipality", "county", "size"] as const;
export type ResultDimension = (typeof RESULT_DIMENSIONS)[number];

/**
 * A published value: either a number with its n, or suppressed. Never a zero standing for "hidden".
 * `value: null` is published but empty: there is nothing to compute (a share, mean or rate over no
 * one, e.g. a failed-recruitment rate where nobody was sought); the site shows it as "–", not 0.
 */
export type Cell =
  | { value: number; n: number }
  | { value: null; n: number }
  | { suppressed: true };

export type ResultTable = {
  id: string; // indicator id, e.g. "needShare.digitalisation.now"
  title: { sv: string; en: string };
  unit: "share" | "count" | "mean" | "balance" | "rate";
  columns: { key: string; label: { sv: string; en: string } }[];
  rows: { segment: string; label: string; n: number | null; cells: Cell[] }[];
  total: { n: number | null; cells: Cell[] };
};

export type ResultsView = {
  roundId: string;
  /** The round's name, for the source line of charts and reports. */
  roundName: string;
  by: ResultDimension;
  k: number;
  /** Responding organisations (or persons) in the release shown. */
  responses: number;
  /** When the release shown was made; null before the first. */
  computedAt: string | null;
  release: ReleaseSummary | null;
  /** Every release of the round, withheld ones with their reason. */
  releases: ReleaseSummary[];
  tables: ResultTable[];
};

/** The line on every results page and export. */
export const UNWEIGHTED_NOTE = {
  sv: "Oviktade resultat bland svarande organisationer",
  en: "Unweighted results among responding organisations",
} as const;

export type OutboxMessage = {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: "invitation" | "reminder" | "owner-notice" | "cohort-notice" | "facilitator-notice";
  roundId?: string;
  programmeId?: string;
  createdAt: string;
};

export type RoundPreview = {
  recipients: { organisations: number; persons: number };
  mail: { sv: { subject: string; text: string }; en: { subject: string; text: string } };
};

/** One invitation as the round page lists it (who has answered, who has not). */
export type InvitationView = {
  personId: string;
  name: string;
  email: string;
  orgName: string;
  orgNumber: string;
  municipality: string;
  sni: string;
  status: InvitationStatus;
  sentAt?: string;
  openedAt?: string;
  submittedAt?: string;
  remindersSent: string[];
};
/** GET /api/rounds/{id}/invitations: the invitations of the filter, and the round's counts; none listed for an anonymous round. */
export type InvitationList = { anonymous: boolean; counts: { invited: number; submitted: number }; items: InvitationView[] };

/**
 * One submitted response as the facilitator reads it (GET /api/rounds/{id}/responses). A
 * reflection is read without names or times (its participants are told so): `anonymous` is true
 * and the items carry the answers only, in no particular order.
 */
export type ResponseView = {
  name?: string;
  orgName?: string;
  submittedAt?: string;
  answers: Answers;
};
export type ResponsesView = { roundId: string; anonymous: boolean; items: ResponseView[] };
