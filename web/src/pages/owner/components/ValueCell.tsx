import type { Cell } from "../../../../../shared/schemas/api";
import { useI18n } from "../../../i18n";

/** A suppressed value: a dash for the eye, words for a screen reader; never a zero. */
export function Suppressed() {
  const { t } = useI18n();
  return (
    <span className="suppressed" title={t("results.suppressed")}>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t("results.suppressed")}</span>
    </span>
  );
}

/** A published cell with nothing to compute (no one answered): "..", with the page's words for a screen reader. */
export function EmptyValue({ label }: { label: string }) {
  return (
    <span className="empty-value" title={label}>
      <span aria-hidden="true">..</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A published value, formatted; suppressed or empty as such. */
export function ValueCell({ cell, format, emptyLabel }: { cell: Cell; format: (value: number) => string; emptyLabel: string }) {
  if ("suppressed" in cell) return <Suppressed />;
  if (cell.value === null || cell.value === undefined || Number.isNaN(cell.value)) return <EmptyValue label={emptyLabel} />;
  return <span>{format(cell.value)}</span>;
}
