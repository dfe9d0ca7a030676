import type { Derived } from "../../../../../shared/supply/schemas";
import { useI18n } from "../../../i18n";
import { formatNumber } from "../../../lib/format";
import { EmptyValue, Suppressed } from "../components/ValueCell";
import { useSupplyTexts } from "./texts";

/** A number computed from published cells: suppressed when any of them is, empty when there was nothing to compute. */
export function DerivedValue({ value }: { value: Derived }) {
  const { locale } = useI18n();
  const st = useSupplyTexts();
  if (value === "suppressed") return <Suppressed />;
  if (value === null) return <EmptyValue label={st("sup.empty")} />;
  return <span>{formatNumber(value, locale, 0)}</span>;
}

/** The round's results page: every role that may read the gap and shortage views may read it. */
export const roundHref = (roundId: string) => `/owner/rounds/${encodeURIComponent(roundId)}/results`;
