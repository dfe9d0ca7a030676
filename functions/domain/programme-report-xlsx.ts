import type { ProgrammeReport, TargetDimension, TargetResult, TargetRow } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";
import { programmeReport } from "./programme-report";
import { parseReportLanguage, reportXlsxBytes, type Local, type ReportLanguage, type XlsxTable } from "./xlsx-report";

const BY: Record<TargetDimension, Local> = {
  gender: { sv: "efter kön", en: "by gender" },
  ageBand: { sv: "efter åldersgrupp", en: "by age band" },
  size: { sv: "efter storleksklass", en: "by size class" },
  section: { sv: "efter bransch (SNI-avsnitt)", en: "by industry (SNI section)" },
};
const COLUMNS = {
  share: { sv: "Andel som når målet", en: "Share meeting the target" },
  baselineShare: { sv: "Före (matchade)", en: "Before (matched)" },
  followUpShare: { sv: "Efter (matchade)", en: "After (matched)" },
  change: { sv: "Förändring", en: "Change" },
} as const;
const pct = (v: number, lang: ReportLanguage) => `${Math.round(v * 1000) / 10}${lang === "sv" ? " %" : "%"}`;

/**
 * One target's tables in the shape of a release's result tables: a table per breakdown (the whole
 * population its total row), columns the share meeting the target and, where the baseline asked
 * the question, the matched participants' shares before and after and the change. Every cell is
 * the release's cell as published; a row's label is read in the file's language.
 */
export function targetTables(target: TargetResult, lang: ReportLanguage): XlsxTable[] {
  const keys = target.comparable ? (["share", "baselineShare", "followUpShare", "change"] as const) : (["share"] as const);
  const columns = keys.map((key) => ({ key, label: COLUMNS[key] }));
  const row = (r: TargetRow) => ({ segment: r.segment, label: r.label[lang], n: r.n, cells: keys.map((k) => r[k]) });
  const note: Local = {
    sv: `Mål: minst ${pct(target.targetShare, "sv")} ${target.population === "organisations" ? "av organisationerna" : "av deltagarna"}.`,
    en: `Target: at least ${pct(target.targetShare, "en")} ${target.population === "organisations" ? "of the organisations" : "of the participants"}.`,
  };
  const table = (title: Local, rows: TargetRow[]): XlsxTable => ({ id: target.id, title, unit: "share", columns, rows: rows.map(row), total: row(target.total), note });
  if (target.breakdowns.length === 0) return [table(target.label, [])];
  return target.breakdowns.map((b) => table({ sv: `${target.label.sv} ${BY[b.dimension].sv}`, en: `${target.label.en} ${BY[b.dimension].en}` }, b.rows));
}

/** The explanation lines a programme report adds: what before, after and change are. */
const PROGRAMME_LINES: Local[] = [
  {
    sv: "Andel som når målet: andelen av dem som besvarade uppföljningens fråga vars svar är ett av målets svar.",
    en: "Share meeting the target: the share of those answering the follow-up's question whose answer is one of the target's answers.",
  },
  {
    sv: "Före och efter: bland de matchade (de som besvarade både nulägesmätningen och uppföljningen), andelen som når målet vid respektive mätning; förändring är efter minus före.",
    en: "Before and after: among the matched (those who answered both the baseline and the follow-up), the share meeting the target at each measurement; change is after minus before.",
  },
];

/**
 * The programme report's targets as XLSX, from the chosen release (the newest published by
 * default), with the same explanation sheet as a round's results. The cycles' live attendance is
 * not in it: the file holds release cells only.
 */
export async function programmeReportXlsx(deps: Deps, programmeId: string, releaseNumber?: string, lang?: string): Promise<Buffer> {
  const language = parseReportLanguage(lang);
  const report: ProgrammeReport = await programmeReport(deps, programmeId, releaseNumber);
  const r = report.release;
  if (!r) throw new NotFoundError("The programme's report has no published release yet.");
  return reportXlsxBytes({
    language,
    title: { sv: `Program ${report.name}`, en: `Programme ${report.name}` },
    source: { sv: `program ${report.name}`, en: `programme ${report.name}` },
    release: { number: r.number, kind: r.kind, cutoff: r.cutoff, createdAt: r.createdAt, responding: r.respondents.professionals, unit: "person", rules: r.rules },
    tables: report.targets.flatMap((t) => targetTables(t, language)),
    explanations: PROGRAMME_LINES,
    created: deps.clock(),
  });
}
