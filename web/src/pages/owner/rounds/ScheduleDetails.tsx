import type { Round } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";

/** A round's opening, closing and reminder times as rows of a details list (the round page, the wizard's receipt). */
export function ScheduleDetails({ round }: { round: Pick<Round, "opensAt" | "closesAt" | "reminders"> }) {
  const { t, locale } = useI18n();
  return (
    <>
      <div>
        <dt>{t("round.opensAt")}</dt>
        <dd>{formatDateTime(round.opensAt, locale)}</dd>
      </div>
      <div>
        <dt>{t("round.closesAt")}</dt>
        <dd>{formatDateTime(round.closesAt, locale)}</dd>
      </div>
      <div>
        <dt>{t("round.reminders")}</dt>
        <dd>{round.reminders?.length ? round.reminders.map((r) => formatDateTime(r, locale)).join(", ") : "–"}</dd>
      </div>
    </>
  );
}
