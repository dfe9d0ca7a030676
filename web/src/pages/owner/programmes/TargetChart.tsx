import type { ProgrammeReleaseSummary, TargetResult, TargetRow } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";
import { BarChart, useChartText } from "../charts/BarChart";
import { percent } from "./common";

/**
 * A target's chart for one breakdown, its own chunk with the report: the share meeting the target
 * per group and for all, as the release published them (a suppressed share is a hatched bar,
 * never zero). The table it draws follows it (`tableId`).
 */
export default function TargetChart({ target, caption, rows, tableId, programme, release }: {
  target: TargetResult;
  caption: string;
  rows: TargetRow[];
  tableId: string;
  programme: string;
  release: ProgrammeReleaseSummary;
}) {
  const { t, lang, locale } = useI18n();
  const tc = useChartText();
  const bars = [
    ...rows.map((r) => ({ key: r.segment, label: r.label[lang], cell: r.share })),
    { key: "__total", label: t("prog.all"), cell: target.total.share, total: true },
  ];
  return (
    <BarChart
      title={tc("chartx.targetTitle", { target: caption })}
      unit="share"
      bars={bars}
      tableId={tableId}
      note={tc("chartx.targetNote", { target: percent(target.targetShare, locale) })}
      meta={{ source: tc("chartx.programme", { name: programme }), release: release.number, n: release.respondents.professionals, cutoff: release.cutoff }}
    />
  );
}
