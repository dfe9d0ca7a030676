import { useState } from "react";
import type { Instrument, ResponsesView, RoundStage, StageRoundView } from "../../../../../shared/schemas";
import { homeAssignmentV1 } from "../../../../../shared/instruments/home-assignment-v1";
import { reflectionV1 } from "../../../../../shared/instruments/reflection-v1";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage } from "../../../lib/ui";
import { ownerApi } from "../session";

const INSTRUMENTS: Record<RoundStage, Instrument> = { assignment: homeAssignmentV1, reflection: reflectionV1 };

/** The home assignment or the reflection: how many have submitted, and their answers. */
export function StageRound({ stage, round, deadline }: { stage: RoundStage; round: StageRoundView; deadline?: string }) {
  const { t, locale } = useI18n();
  const [responses, setResponses] = useState<ResponsesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const state = round.skipped ? "skipped" : round.closedAt ? "closed" : round.openedAt ? "open" : "notOpened";

  async function show() {
    if (!round.roundId) return;
    setLoading(true);
    setError(null);
    try {
      setResponses(await ownerApi<ResponsesView>(`/api/rounds/${encodeURIComponent(round.roundId)}/responses`));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${stage}-title`}>
      <h2 id={`${stage}-title`}>{t(`prog.stage.${stage}` as MessageKey)}</h2>
      <dl className="details">
        <div>
          <dt>{t("prog.colStatus")}</dt>
          <dd>{t(`prog.roundState.${state}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("prog.deadline")}</dt>
          <dd>{formatDateTime(deadline, locale)}</dd>
        </div>
        <div>
          <dt>{t("prog.submitted")}</dt>
          <dd>{t("prog.ofInvited", { submitted: round.submitted, invited: round.invited })}</dd>
        </div>
      </dl>
      {round.roundId ? (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => void show()} disabled={loading} aria-expanded={responses ? true : false} aria-controls={`${stage}-responses`}>
            {responses ? t("prog.reloadResponses") : t(stage === "assignment" ? "prog.showAssignments" : "prog.showReflections")}
          </button>
          <Link href={`/owner/rounds/${encodeURIComponent(round.roundId)}`}>{t(stage === "assignment" ? "prog.toAssignmentRound" : "prog.toReflectionRound")}</Link>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div id={`${stage}-responses`}>
        {responses ? <Responses stage={stage} view={responses} /> : null}
      </div>
    </section>
  );
}

function Responses({ stage, view }: { stage: RoundStage; view: ResponsesView }) {
  const { t, lang, locale } = useI18n();
  const questions = INSTRUMENTS[stage].blocks.flatMap((b) => b.questions);
  const answerText = (q: (typeof questions)[number], v: unknown): string => {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) return t("prog.noAnswer");
    if ((q.type === "single" || q.type === "multi") && "options" in q) {
      const label = (x: unknown) => q.options.find((o) => o.value === x)?.label[lang] ?? String(x);
      return Array.isArray(v) ? v.map(label).join(", ") : label(v);
    }
    if (q.type === "likert") return t("prog.likertValue", { value: String(v), scale: String(q.scale ?? 5) });
    if (q.type === "number" && "unit" in q && q.unit) return `${v} ${q.unit[lang]}`;
    return String(v);
  };
  return (
    <div className="responses">
      <h3>{t("prog.responsesTitle", { n: view.items.length })}</h3>
      {view.anonymous ? <p className="hint">{t("prog.anonymousNote")}</p> : null}
      {view.items.length === 0 ? <p>{t("prog.noResponses")}</p> : null}
      <ol className="response-list">
        {view.items.map((r, i) => (
          <li key={i} className="response">
            <h4>{view.anonymous ? t("prog.responseN", { n: i + 1 }) : `${r.name ?? ""}${r.orgName ? `, ${r.orgName}` : ""}`}</h4>
            {r.submittedAt ? <p className="hint">{t("prog.submittedAt", { time: formatDateTime(r.submittedAt, locale) })}</p> : null}
            <dl className="summary-list">
              {questions.map((q) => (
                <div key={q.id}>
                  <dt>{q.text[lang]}</dt>
                  <dd className="prewrap">{answerText(q, r.answers[q.id])}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}
