import type { Cell, ResultTable } from "../../shared/schemas/api";
import type { EducationOffering, EducationOfferingRequest } from "../../shared/supply/schemas";

/** A release's per-occupation table: rows by segment, columns by SSYK code, cells as given. */
export function occupationTable(id: string, codes: string[], rows: { segment: string; cells: Cell[] }[], total: Cell[]): ResultTable {
  return {
    id,
    title: { sv: id, en: id },
    unit: id === "education" || id === "difficulty" ? "share" : id === "failedRecruitment" ? "rate" : "count",
    columns: codes.map((key) => ({ key, label: { sv: `yrke ${key}`, en: `occupation ${key}` } })),
    rows: rows.map((r) => ({ segment: r.segment, label: `segment ${r.segment}`, n: 10, cells: r.cells })),
    total: { n: 30, cells: total },
  };
}

/** The needShare and needMet tables of one area and horizon. */
export function areaTables(area: string, horizon: string, rows: { segment: string; large: Cell; people: Cell }[], total: { large: Cell; people: Cell }): ResultTable[] {
  const share: ResultTable = {
    id: `needShare.${area}.${horizon}`,
    title: { sv: `Behov ${area} ${horizon}`, en: `Need ${area} ${horizon}` },
    unit: "share",
    columns: ["none", "some", "large"].map((key) => ({ key, label: { sv: key, en: key } })),
    rows: rows.map((r) => ({ segment: r.segment, label: r.segment, n: 10, cells: [{ suppressed: true }, { suppressed: true }, r.large] })),
    total: { n: 30, cells: [{ suppressed: true }, { suppressed: true }, total.large] },
  };
  const met: ResultTable = {
    id: `needMet.${area}.${horizon}`,
    title: { sv: `Så möts ${area}`, en: `Met ${area}` },
    unit: "share",
    columns: [{ key: "people", label: { sv: "Antal", en: "People" } }],
    rows: rows.map((r) => ({ segment: r.segment, label: r.segment, n: 10, cells: [r.people] })),
    total: { n: 30, cells: [total.people] },
  };
  return [share, met];
}

export const shown = (value: number, n = 10): Cell => ({ value, n });
export const hidden: Cell = { suppressed: true };

let counter = 0;
export function offering(over: Partial<EducationOffering> = {}): EducationOffering {
  counter++;
  return {
    id: over.id ?? `o${counter}`,
    provider: "Provider",
    title: `Offering ${counter}`,
    kind: "yh",
    sunField: "521",
    sunLevel: "5",
    form: "campus",
    municipality: "0580",
    startDate: "2026-08-24",
    places: 10,
    source: "owner",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

export const offeringRequest = (over: Partial<EducationOfferingRequest> = {}): EducationOfferingRequest => ({
  provider: "Linköpings kommun, Komvux",
  title: "Svetsare",
  kind: "komvux",
  sunField: "521",
  sunLevel: "3",
  form: "campus",
  municipality: "0580",
  startDate: "2026-08-24",
  places: 16,
  ...over,
});
