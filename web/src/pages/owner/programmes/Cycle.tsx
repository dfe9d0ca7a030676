import { useCallback, useEffect, useState } from "react";
import type { CycleView, ProgrammeView } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { ownerApi } from "../session";
import { CycleStatusBadge, programmeHref, useCohortPersons, useProgramme } from "./common";
import { ScheduleDetails, ScheduleForm } from "./CycleSchedule";
import { SessionForm } from "./SessionForm";
import { StageRound } from "./StageRound";

const REFRESH_MS = 5_000;

/** One learning cycle: its schedule, start, the workshop and lecture records, and what participants submitted. */
export function CyclePage({ id, n }: { id: string; n: number }) {
  const { t, locale } = useI18n();
  const { view, error, load } = useProgramme(id);
  const { persons, error: personsError } = useCohortPersons(view);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const cycle = view?.cycleViews.find((c) => c.cycle === n);

  const refresh = useCallback(async () => {
    await load();
    setUpdatedAt(new Date());
  }, [load]);

  // A running cycle moves on by itself (notices, stages opening and closing): follow it.
  const running = cycle?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  if (!view) return <div className="page">{error ? <ErrorMessage error={error} onRetry={() => void load()} /> : <Loading />}</div>;
  if (!cycle)
    return (
      <div className="page">
        <PageTitle>{t("prog.cycleNotFound")}</PageTitle>
        <Link href={programmeHref(id)}>{t("prog.backToProgramme", { name: view.name })}</Link>
      </div>
    );

  const editable = cycle.status === "planned" || cycle.status === "scheduled" || cycle.status === "error";
  const started = cycle.status === "running" || cycle.status === "done" || cycle.status === "error";

  return (
    <div className="page cycle">
      <p className="back-link">
        <Link href={programmeHref(id)}>{t("prog.backToProgramme", { name: view.name })}</Link>
      </p>
      <PageTitle title={`${t("prog.cycleN", { n })} – ${view.name}`}>
        {t("prog.cycleOf", { n, total: view.cycles })} <CycleStatusBadge status={cycle.status} />
      </PageTitle>
      <div className="refresh-row">
        <p className="hint" role="status">
          {t("prog.currentStage", { stage: cycle.stage ? t(`prog.stage.${cycle.stage}` as MessageKey) : "–" })}
          {updatedAt ? ` ${t("prog.updated", { time: formatTime(updatedAt, locale) })}` : ""}
        </p>
        <button type="button" className="button button-secondary button-small" onClick={() => void refresh()}>
          {t("prog.refresh")}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {cycle.status === "error" ? (
        <div className="notice notice-error">
          <p>{t("prog.cycleError", { error: cycle.error ?? "" })}</p>
        </div>
      ) : null}

      <StageSteps cycle={cycle} />

      {editable ? <ScheduleForm programme={view} cycle={cycle} onSaved={refresh} /> : <ScheduleDetails cycle={cycle} />}
      {cycle.status === "scheduled" || cycle.status === "error" ? <StartCycle programme={view} cycle={cycle} onStarted={refresh} /> : null}
      {cycle.status === "planned" && n > 1 ? <p className="hint">{t("prog.startAfterPrevious")}</p> : null}

      {started ? (
        <>
          {personsError ? <ErrorMessage error={personsError} /> : null}
          <SessionForm programme={view} cycle={cycle} stage="workshop" session={cycle.workshop} persons={persons} onSaved={refresh} />
          <StageRound stage="assignment" round={cycle.assignment} deadline={cycle.schedule?.assignmentDeadline} />
          <SessionForm programme={view} cycle={cycle} stage="lecture" session={cycle.lecture} persons={persons} onSaved={refresh} />
          <StageRound stage="reflection" round={cycle.reflection} deadline={cycle.schedule?.reflectionDeadline} />
        </>
      ) : null}
    </div>
  );
}

/** The four stages in order, with where the cycle is. */
function StageSteps({ cycle }: { cycle: CycleView }) {
  const { t } = useI18n();
  const stages = ["workshop", "assignment", "lecture", "reflection"] as const;
  const currentIndex = cycle.stage === "done" ? 4 : cycle.stage ? stages.indexOf(cycle.stage) : -1;
  const started = cycle.status === "running" || cycle.status === "done" || cycle.status === "error";
  return (
    <ol className="stage-steps">
      {stages.map((s, i) => {
        const state = !started ? "todo" : i < currentIndex ? "done" : i === currentIndex ? "current" : "todo";
        return (
          <li key={s} className={`stage-step is-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="stage-name">{t(`prog.stage.${s}` as MessageKey)}</span>
            <span className="stage-state">{t(`prog.stepState.${state}` as MessageKey)}</span>
          </li>
        );
      })}
    </ol>
  );
}

function StartCycle({ programme, cycle, onStarted }: { programme: ProgrammeView; cycle: CycleView; onStarted: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const previous = programme.cycleViews.find((c) => c.cycle === cycle.cycle - 1);
  const blocked = previous && previous.status !== "done";

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await ownerApi<CycleView>(`/api/programmes/${encodeURIComponent(programme.id)}/cycles/${cycle.cycle}/start`, { method: "POST" });
      setNotice(t("prog.started"));
      await onStarted();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code) setError(new ApiError(409, { error: { code: e.code, message: t(`prog.conflict.${e.code}` as MessageKey) } }));
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="start-title">
      <h2 id="start-title">{cycle.status === "error" ? t("prog.restartTitle") : t("prog.startTitle")}</h2>
      <p>{blocked ? t("prog.startBlocked", { n: cycle.cycle - 1 }) : t("prog.startIntro")}</p>
      <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy || blocked}>
        {cycle.status === "error" ? t("prog.restart", { n: cycle.cycle }) : t("prog.start", { n: cycle.cycle })}
      </button>
      <div role="status">{notice ? <p className="notice notice-success">{notice}</p> : null}</div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
