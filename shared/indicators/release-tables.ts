import type { Cell, ResultTable } from "../schemas/api";
import type { Instrument } from "../schemas/instrument";
import { ssykLabel } from "../classifications/ssyk";
import { RESPONSES_FAMILY } from "./release-families";

/**
 * The result tables of one release for one breakdown, read from its protected cells. A table
 * cell is computed from family quantities (release-families.ts) and shown only when every one of
 * them is published; otherwise it says "suppressed", never why. Rows are the breakdown's
 * segments with a respondent, `total` the whole round; every n counts organisations.
 *
 *   responses                  responding and invited organisations
 *   responseRate               responding / invited
 *   needShare.<area>.<h>       share of the organisations answering that chose each level
 *   needMet.<area>.<h>         of those with a need, the share meeting it each way; the people needed
 *   maturity                   each statement's mean (1-5) and strategic maturity, their mean
 *   hires12m, hires1to3y       planned hires per occupation
 *   failedRecruitment          (sought - hired) / sought per occupation
 *   balance                    % expecting more staff minus % expecting fewer, per occupation
 *   difficulty, education      per occupation: share finding recruitment hard; share requiring
 *                              a post-secondary education
 *   version 2, where the occupation question asks it:
 *   balance3y                  as balance, three years ahead
 *   newGraduates               per occupation: share seeking new graduates or either
 *   retirements1to3y           per occupation: people retiring in 1-3 years
 *   womenShare, menShare       per occupation: women (men) among the employees the
 *                              organisations reporting it have in it now
 *   educationField.<ssyk>      share of the organisations reporting the occupation per field
 *   certificates.<ssyk>        share of them requiring each certificate or licence
 *   options.<q>                share of responding organisations choosing each option
 */
export type ReleaseCell = { value: number; n: number } | "suppressed";

export type ReleaseCells = {
  /** A family quantity in a segment: its sum and the family's n there (0 and 0 where nobody answered). */
  get(family: string, quantity: string, segment: string): ReleaseCell;
};

export type ReleaseSegment = { id: string; value: string; label: string };

export type ReleaseTablesInput = {
  instrument: Instrument;
  cells: ReleaseCells;
  /** The breakdown's rows in display order; `id` as in the model ("municipality:0580"). */
  segments: ReleaseSegment[];
  occupations: string[];
  /** Invited organisations of a segment (the frame, not an answer). */
  invited: (segment: string) => number;
};

type Label = { sv: string; en: string };
type Part = [family: string, quantity: string];
type Column = { key: string; label: Label; cell: (segment: string) => Cell };
type Spec = { id: string; title: Label; unit: ResultTable["unit"]; n: (segment: string) => number | null; columns: Column[] };

const SUPPRESSED: Cell = { suppressed: true };
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (num: number, den: number, digits: number) => (den > 0 ? round(num / den, digits) : null);
const POST_SECONDARY = ["higherVocational", "university"];

/**
 * Strategic maturity from its statements' published sums: the mean over statements of their
 * means, which for required statements is the mean of the organisations' own means. Suppressed
 * if any statement is.
 */
function maturityCell(parts: ({ values: number[]; n: number } | undefined)[]): Cell | undefined {
  if (parts.length === 0 || parts.some((p) => !p)) return undefined;
  const shown = parts as { values: number[] }[];
  const n = Math.min(...shown.map((p) => p.values[0]));
  const means = shown.map((p) => (p.values[0] > 0 ? p.values[1] / p.values[0] : 0));
  return { value: n > 0 ? round(means.reduce((s, v) => s + v, 0) / means.length, 2) : null, n };
}

export function buildReleaseTables(input: ReleaseTablesInput): ResultTable[] {
  const { instrument, cells, segments, occupations } = input;
  const questions = instrument.blocks.flatMap((b) => b.questions);
  const tables: ResultTable[] = [];

  /** The parts' values in a segment, or undefined when any is suppressed. */
  const read = (parts: Part[], segment: string): { values: number[]; n: number } | undefined => {
    const got = parts.map(([f, q]) => cells.get(f, q, segment));
    if (got.some((g) => g === "suppressed")) return undefined;
    const shown = got as { value: number; n: number }[];
    return { values: shown.map((g) => g.value), n: shown[0]?.n ?? 0 };
  };
  const cellOf = (parts: Part[], compute: (values: number[], n: number) => { value: number | null; n: number }) => (segment: string): Cell => {
    const r = read(parts, segment);
    return r ? compute(r.values, r.n) : SUPPRESSED;
  };
  const sumOf = (parts: Part[]) => (segment: string) => {
    const r = read(parts, segment);
    return r ? r.values.reduce((s, v) => s + v, 0) : null;
  };
  const responding: Part[] = [[RESPONSES_FAMILY, "n"]];
  const respondingN = sumOf(responding);
  // A row's n where the responding organisations are hidden stays hidden too, whatever the table.
  const rowN = (spec: Spec, segment: string) => (respondingN(segment) === null ? null : spec.n(segment));
  const emit = (spec: Spec) =>
    tables.push({
      id: spec.id,
      title: spec.title,
      unit: spec.unit,
      columns: spec.columns.map((c) => ({ key: c.key, label: c.label })),
      rows: segments.map((s) => ({ segment: s.value, label: s.label, n: rowN(spec, s.id), cells: spec.columns.map((c) => c.cell(s.id)) })),
      total: { n: rowN(spec, "all"), cells: spec.columns.map((c) => c.cell("all")) },
    });

  emit({
    id: "responses",
    title: { sv: "Svarande och inbjudna organisationer", en: "Responding and invited organisations" },
    unit: "count",
    n: respondingN,
    columns: [
      { key: "submitted", label: { sv: "Svarande", en: "Responding" }, cell: cellOf(responding, ([v]) => ({ value: v, n: v })) },
      { key: "invited", label: { sv: "Inbjudna", en: "Invited" }, cell: (s) => ({ value: input.invited(s), n: input.invited(s) }) },
    ],
  });
  emit({
    id: "responseRate",
    title: { sv: "Svarsfrekvens (andel av de inbjudna organisationerna)", en: "Response rate (share of invited organisations)" },
    unit: "share",
    n: respondingN,
    columns: [
      {
        key: "rate",
        label: { sv: "Svarsfrekvens", en: "Response rate" },
        cell: (s) => {
          const r = read(responding, s);
          return r ? { value: ratio(r.values[0], input.invited(s), 4), n: r.values[0] } : SUPPRESSED;
        },
      },
    ],
  });

  for (const q of questions) {
    if (q.type !== "needMatrix") continue;
    for (const area of q.areas)
      for (const horizon of q.horizons) {
        const at = `${q.id}|${area.value}|${horizon.value}`;
        const family = `need|${at}`;
        const suffix = `${q.id === "needs" ? "" : `${q.id}.`}${area.value}.${horizon.value}`;
        const title = (prefix: Label): Label => ({
          sv: `${prefix.sv}: ${area.label.sv}, ${horizon.label.sv.toLowerCase()}`,
          en: `${prefix.en}: ${area.label.en}, ${horizon.label.en.toLowerCase()}`,
        });
        emit({
          id: `needShare.${suffix}`,
          title: title({ sv: "Kompetensbehov", en: "Skills needs" }),
          unit: "share",
          n: sumOf([[family, "n"]]),
          columns: q.levels.map((l) => ({
            key: l.value,
            label: l.label,
            cell: cellOf([[family, "n"], [family, `need|${at}|${l.value}`]], ([n, v]) => ({ value: ratio(v, n, 4), n })),
          })),
        });
        const needing: Part[] = q.levels.filter((l) => l.value !== "none").map((l) => [family, `need|${at}|${l.value}`]);
        const withNeed = (values: number[]) => values.slice(0, needing.length).reduce((s, v) => s + v, 0);
        emit({
          id: `needMet.${suffix}`,
          title: title({ sv: "Så möts behovet, bland organisationer med behov", en: "How the need will be met, among organisations with a need" }),
          unit: "share",
          n: sumOf(needing),
          columns: [
            ...q.methods.map((m) => ({
              key: m.value,
              label: m.label,
              cell: cellOf([...needing, [`needm|${at}`, `needm|${at}|${m.value}`]], (values) => ({ value: ratio(values[needing.length], withNeed(values), 4), n: withNeed(values) })),
            })),
            {
              key: "people",
              label: { sv: "Antal personer (summa)", en: "Number of people (sum)" },
              cell: cellOf([...needing, [`needm|${at}`, `needp|${at}`]], (values) => ({ value: values[needing.length], n: withNeed(values) })),
            },
          ],
        });
      }
  }

  const likerts = questions.filter((q) => q.type === "likert");
  if (likerts.length > 0) {
    const statement = (id: string): Part[] => [[`lk|${id}`, "n"], [`lk|${id}`, `lk|${id}|sum`]];
    const maturityIds = instrument.maturityQuestionIds;
    const columns: Column[] = [];
    if (maturityIds.length > 0)
      columns.push({
        key: "mat",
        label: { sv: "Strategisk mognad (medelvärde)", en: "Strategic maturity (mean)" },
        cell: (segment) => {
          const parts = maturityIds.map((id) => read(statement(id), segment));
          const cell = maturityCell(parts);
          return cell ?? SUPPRESSED;
        },
      });
    for (const q of likerts) columns.push({ key: q.id, label: q.text, cell: cellOf(statement(q.id), ([n, sum]) => ({ value: ratio(sum, n, 2), n })) });
    emit({
      id: "maturity",
      title: { sv: "Strategiskt kompetensarbete (medelvärde 1–5)", en: "Strategic work with skills (mean 1–5)" },
      unit: "mean",
      n: sumOf([[`lk|${likerts[0].id}`, "n"]]),
      columns,
    });
  }

  const occupationQuestion = questions.find((q) => q.type === "occupations");
  if (occupationQuestion && occupationQuestion.type === "occupations" && occupations.length > 0) {
    const label = (code: string): Label => {
      const l = ssykLabel(code) ?? code;
      return { sv: l, en: l };
    };
    const perOccupation = (id: string, title: Label, unit: ResultTable["unit"], make: (p: string) => Column["cell"]) =>
      emit({
        id,
        title,
        unit,
        n: respondingN,
        columns: occupations.map((code) => ({ key: code, label: label(code), cell: make(`occ|${code}`) })),
      });
    // The occupation's n is in its own family (release-families.ts); each answer in another.
    const sum = (quantity: string) => (p: string) => cellOf([[p, "n"], [`${p}|${quantity}`, `${p}|${quantity}`]], ([n, v]) => ({ value: v, n }));
    perOccupation("hires12m", { sv: "Planerade anställningar inom 12 månader", en: "Planned hires within 12 months" }, "count", sum("hires12m"));
    perOccupation("hires1to3y", { sv: "Planerade anställningar om 1–3 år", en: "Planned hires in 1–3 years" }, "count", sum("hires1to3y"));
    perOccupation(
      "failedRecruitment",
      { sv: "Misslyckad rekrytering senaste 12 månaderna (andel av sökta personer)", en: "Failed recruitment in the last 12 months (share of people sought)" },
      "rate",
      (p) => cellOf([[p, "n"], [`${p}|sought`, `${p}|sought`], [`${p}|hired`, `${p}|hired`]], ([n, sought, hired]) => ({ value: ratio(sought - hired, sought, 4), n })),
    );
    const shareOf = (group: string, values: string[], all: string[]) => (p: string) =>
      cellOf([...all.map((v): Part => [`${p}|${group}`, `${p}|${group}|${v}`])], (counts) => {
        const answering = counts.reduce((s, v) => s + v, 0);
        const chosen = all.reduce((s, v, i) => s + (values.includes(v) ? counts[i] : 0), 0);
        return { value: ratio(chosen, answering, 4), n: answering };
      });
    const changes = occupationQuestion.staffChanges.map((o) => o.value);
    const balance = (family: (p: string) => string, group: string) => (p: string) =>
      cellOf(changes.map((v): Part => [family(p), `${p}|${group}|${v}`]), (counts) => {
        const answering = counts.reduce((s, v) => s + v, 0);
        const more = counts[changes.indexOf("more")] ?? 0;
        const fewer = counts[changes.indexOf("fewer")] ?? 0;
        return { value: ratio(100 * (more - fewer), answering, 1), n: answering };
      });
    perOccupation(
      "balance",
      { sv: "Nettotal: andel som räknar med fler anställda minus andel som räknar med färre (12 månader)", en: "Balance: share expecting more staff minus share expecting fewer (12 months)" },
      "balance",
      balance((p) => p, "chg"),
    );
    if (occupationQuestion.staffChange3y)
      perOccupation(
        "balance3y",
        { sv: "Nettotal: andel som räknar med fler anställda minus andel som räknar med färre (3 år)", en: "Balance: share expecting more staff minus share expecting fewer (3 years)" },
        "balance",
        balance((p) => `${p}|chg3y`, "chg3y"),
      );
    perOccupation(
      "difficulty",
      { sv: "Andel som har svårt att rekrytera", en: "Share finding it hard to recruit" },
      "share",
      shareOf("diff", ["hard"], occupationQuestion.difficulties.map((o) => o.value)),
    );
    perOccupation(
      "education",
      { sv: "Andel som kräver eftergymnasial utbildning", en: "Share requiring post-secondary education" },
      "share",
      shareOf("edu", POST_SECONDARY, occupationQuestion.educationLevels.map((o) => o.value)),
    );
    const { experience, retirements1to3y, workforce, educationField, certificates } = occupationQuestion;
    if (experience)
      perOccupation(
        "newGraduates",
        { sv: "Andel som söker nyutexaminerade eller båda", en: "Share looking for new graduates or either" },
        "share",
        shareOf("exp", ["newGraduates", "either"], experience.options.map((o) => o.value)),
      );
    if (retirements1to3y) perOccupation("retirements1to3y", { sv: "Pensionsavgångar om 1–3 år", en: "Retirements in 1–3 years" }, "count", sum("retire3y"));
    if (workforce)
      for (const [id, title, own] of [
        ["womenShare", { sv: "Andel kvinnor bland de anställda i yrket", en: "Share of women among the employees in the occupation" }, 0],
        ["menShare", { sv: "Andel män bland de anställda i yrket", en: "Share of men among the employees in the occupation" }, 1],
      ] as const)
        perOccupation(id, title, "share", (p) =>
          cellOf([[p, "n"], [`${p}|women`, `${p}|women`], [`${p}|men`, `${p}|men`]], ([n, women, men]) => ({ value: ratio(own === 0 ? women : men, women + men, 4), n })),
        );
    // Per occupation, the share of its organisations choosing each option.
    const perOption = (id: string, title: Label, group: string, options: { value: string; label: Label }[]) => {
      for (const code of occupations) {
        const p = `occ|${code}`;
        emit({
          id: `${id}.${code}`,
          title: { sv: `${title.sv}: ${label(code).sv}`, en: `${title.en}: ${label(code).en}` },
          unit: "share",
          n: sumOf([[p, "n"]]),
          columns: options.map((o) => ({ key: o.value, label: o.label, cell: cellOf([[p, "n"], [`${p}|${group}`, `${p}|${group}|${o.value}`]], ([n, v]) => ({ value: ratio(v, n, 4), n })) })),
        });
      }
    };
    if (educationField) perOption("educationField", { sv: "Utbildningens inriktning", en: "Field of education" }, "field", educationField.options);
    if (certificates) perOption("certificates", { sv: "Certifikat och behörigheter som krävs", en: "Certificates and authorisations required" }, "cert", certificates.options);
  }

  for (const q of questions) {
    if (q.type !== "multi") continue;
    const family = (o: string) => `opt|${q.id}|${o}`;
    emit({
      id: `options.${q.id}`,
      title: q.text,
      unit: "share",
      n: respondingN,
      columns: q.options.map((o) => ({
        key: o.value,
        label: o.label,
        cell: cellOf([[family(o.value), "n"], [family(o.value), `opt|${q.id}|${o.value}`]], ([n, v]) => ({ value: ratio(v, n, 4), n })),
      })),
    });
  }
  return tables;
}
