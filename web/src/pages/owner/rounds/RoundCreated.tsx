import type { RefObject } from "react";
import type { Round } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";
import { Link } from "../../../lib/router";
import { ErrorMessage, PageTitle } from "../../../lib/ui";
import { ScheduleDetails } from "./ScheduleDetails";

/** The new-round page once the draft is made: what was created, and launching it. */
export function RoundCreated(props: {
  round: Round;
  countText: string;
  error: unknown;
  launching: boolean;
  onLaunch: () => void;
  panelRef: RefObject<HTMLDivElement | null>;
}) {
  const { round, countText, error, launching, onLaunch, panelRef } = props;
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <PageTitle>{t("newRound.title")}</PageTitle>
      <div className="panel panel-success" ref={panelRef} tabIndex={-1}>
        <h2>{t("newRound.created", { name: round.name })}</h2>
        <dl className="details">
          <ScheduleDetails round={round} />
          <div>
            <dt>{t("round.recipients")}</dt>
            <dd>{countText}</dd>
          </div>
        </dl>
        <p>{t("newRound.launchIntro")}</p>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={onLaunch} disabled={launching}>
            {launching ? t("newRound.launching") : t("newRound.launch")}
          </button>
          <Link href={`/owner/rounds/${encodeURIComponent(round.id)}`} className="button button-secondary">
            {t("newRound.toRound")}
          </Link>
        </div>
      </div>
    </div>
  );
}
