import type { ResultTable } from "../../../../../shared/schemas/api";
import { formatNumber, formatPercent } from "../../../lib/format";

/** The id of a result table's element, which a chart's "same as the table" link points at. */
export const tableDomId = (id: string) => `table-${id.replace(/[^\w-]/g, "-")}`;

export function segmentText(row: { segment: string; label: string }): string {
  return row.label && row.label !== row.segment ? `${row.segment} ${row.label}` : row.segment;
}

/** A result value in its table's unit: shares and rates as percentages, balances signed. */
export function formatCell(value: number, unit: ResultTable["unit"], locale: string): string {
  switch (unit) {
    case "share":
    case "rate":
      return formatPercent(value, locale);
    case "mean":
      return formatNumber(value, locale, 1);
    case "balance":
      return `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatNumber(Math.abs(value), locale, 0)}`;
    default:
      return formatNumber(value, locale, 0);
  }
}
