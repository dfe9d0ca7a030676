import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import type { FormView } from "../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../i18n";
import { api } from "../../lib/api";
import { formatDateTime, formatOrgNumber } from "../../lib/format";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { useLocal } from "./controls";
import { formUrl, outcomeOf, type FormValues, type PageState } from "./form-session";
import { ParticipantForm } from "./ParticipantForm";
import { SummaryPart } from "./questions";

// The feedback and competence plan after submitting: a chunk of its own, outside the form's budget.
const Feedback = lazy(() => import("../feedback/Feedback"));
const feedbackOf = (token: string) => (
  <Suspense fallback={null}>
    <Feedback token={token} />
  </Suspense>
);

/** The participant form at /f#<token> (web/src/pages/participant/form-link.ts). */
export function FormPage({ token }: { token: string }) {
  const { suggestLang } = useI18n();
  const [state, setState] = useState<PageState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    api<FormView>(formUrl(), { formToken: token, signal: controller.signal }).then(
      (view) => {
        if (view.language === "sv" || view.language === "en") suggestLang(view.language);
        if (view.submittedAt || view.status === "submitted") setState({ kind: "already", at: view.submittedAt });
        else if (view.round.status === "closed" || view.round.status === "closing") setState({ kind: "gone" });
        else setState({ kind: "form", view });
      },
      (error) => {
        if ((error as Error)?.name === "AbortError") return;
        setState(outcomeOf(error) ?? { kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [token, attempt, suggestLang]);

  switch (state.kind) {
    case "loading":
      return <Loading />;
    case "form":
      return <ParticipantForm view={state.view} token={token} onOutcome={setState} />;
    case "done":
      return (
        <Outcome title="done.title" text="done.text" at={state.at}>
          {feedbackOf(token)}
          {state.view && state.answers ? <Receipt view={state.view} answers={state.answers} at={state.at} /> : null}
        </Outcome>
      );
    case "already":
      return (
        <Outcome title="already.title" text={state.at ? "already.textAt" : "already.text"} at={state.at} contact>
          {feedbackOf(token)}
        </Outcome>
      );
    case "gone":
      return <Outcome title="gone.title" text="gone.text" contact />;
    case "replaced":
      return <Outcome title="replaced.title" text="replaced.text" contact />;
    case "invalid":
      return <Outcome title="invalid.title" text="invalid.text" extra="invalid.check" contact />;
    case "error":
      return (
        <div className="page narrow">
          <ErrorPageTitle />
          <ErrorMessage error={state.error} onRetry={() => setAttempt((a) => a + 1)} />
        </div>
      );
  }
}

function ErrorPageTitle() {
  const { t } = useI18n();
  return <PageTitle>{t("common.errorTitle")}</PageTitle>;
}

function Outcome(props: { title: MessageKey; text: MessageKey; extra?: MessageKey; at?: string; contact?: boolean; children?: ReactNode }) {
  const { title, text, extra, at, contact, children } = props;
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The outcome replaces the form in place: move focus to it so it is read out.
    ref.current?.querySelector("h1")?.focus();
  }, []);
  return (
    <div className="page narrow outcome" ref={ref}>
      <div className={title === "done.title" ? "panel panel-success" : "panel"}>
        <PageTitle>{t(title)}</PageTitle>
        <p>{t(text, { time: at ? formatDateTime(at, locale) : "" })}</p>
        {extra ? <p>{t(extra)}</p> : null}
      </div>
      {contact ? (
        <>
          <h2>{t("contact.title")}</h2>
          <p>{t("contact.text")}</p>
        </>
      ) : null}
      {children}
    </div>
  );
}

/** The thank-you page's printable copy of the answers. */
function Receipt({ view, answers, at }: { view: FormView; answers: FormValues; at: string }) {
  const { t, locale } = useI18n();
  const local = useLocal();
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <div className="receipt-head">
        <h2 id="receipt-title">{t("done.summaryTitle")}</h2>
        <button type="button" className="button button-secondary no-print" onClick={() => window.print()}>
          {t("done.print")}
        </button>
      </div>
      <p className="receipt-meta">
        {local(view.instrument.title)} · {view.round.name} · {view.organisation.name} ({formatOrgNumber(view.organisation.orgNumber)}) ·{" "}
        {t("done.submittedAt", { time: formatDateTime(at, locale) })}
      </p>
      <SummaryPart.Part instrument={view.instrument} answers={answers} level={3} />
    </section>
  );
}
