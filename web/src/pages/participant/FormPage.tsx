import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { FormProvider, useForm, type FieldErrors, type Resolver } from "react-hook-form";
import type { FormView, Instrument, Question } from "../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../i18n";
import { api, ApiError, NetworkError } from "../../lib/api";
import { formatDateTime, formatTime } from "../../lib/format";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { cleanAnswers, fieldId, flattenErrors, removePath, type FlatError } from "./answers";
import { useFieldErrorText, useLocal, type ErrorContext } from "./controls";
import { preloadQuestionParts, QuestionField, SummaryPart } from "./questions";

type FormValues = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type PageState =
  | { kind: "loading" }
  | { kind: "form"; view: FormView }
  | { kind: "done"; at: string; view?: FormView; answers?: FormValues }
  | { kind: "already"; at?: string }
  | { kind: "gone" }
  | { kind: "invalid" }
  | { kind: "error"; error: unknown };

/**
 * Validation (zod/mini, answersSchema and the zod resolver) is a chunk of its own, so that the
 * participant route's first step does not wait for it (DESIGN.md, "Budgets"). The form starts
 * loading it once its first step is on screen; the resolver and the draft save wait for it.
 */
let validation: Promise<typeof import("./validation")> | undefined;
function loadValidation(): Promise<typeof import("./validation")> {
  validation ??= import("./validation").catch(() => {
    validation = undefined; // try again on the next check or save
    throw new NetworkError();
  });
  return validation;
}

const formUrl = (token: string, suffix = "") => `/api/forms/${encodeURIComponent(token)}${suffix}`;

/** What a failed participant request means for the page, if it ends the form. */
function outcomeOf(error: unknown): PageState | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return { kind: "invalid" };
  if (error.status === 410) return { kind: "gone" };
  if (error.status === 409) return { kind: "already" };
  return null;
}

/** The participant form at /f/:token. */
export function FormPage({ token }: { token: string }) {
  const { suggestLang } = useI18n();
  const [state, setState] = useState<PageState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    api<FormView>(formUrl(token), { signal: controller.signal }).then(
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
          {state.view && state.answers ? <Receipt view={state.view} answers={state.answers} at={state.at} /> : null}
        </Outcome>
      );
    case "already":
      return <Outcome title="already.title" text={state.at ? "already.textAt" : "already.text"} at={state.at} contact />;
    case "gone":
      return <Outcome title="gone.title" text="gone.text" contact />;
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

type SaveState = { kind: "idle" } | { kind: "saving"; last?: string } | { kind: "saved"; at: string } | { kind: "failed" };

function ParticipantForm({ view, token, onOutcome }: { view: FormView; token: string; onOutcome: (s: PageState) => void }) {
  const { t, locale } = useI18n();
  const local = useLocal();
  const errorText = useFieldErrorText();
  const instrument = view.instrument;
  const blocks = instrument.blocks;

  const resolver = useMemo<Resolver<FormValues>>(
    () => async (values, context, options) => {
      const answers = cleanAnswers(values, instrument) as FormValues;
      return (await loadValidation()).submitResolver(instrument)(answers, context, options);
    },
    [instrument],
  );

  // Once the first step is on screen: validation, and the question types that come in later steps.
  useEffect(() => {
    loadValidation().catch(() => undefined);
    preloadQuestionParts(instrument);
  }, [instrument]);

  const questions = useMemo(() => {
    const byId = new Map<string, { q: Question; block: number }>();
    blocks.forEach((b, i) => b.questions.forEach((q) => byId.set(q.id, { q, block: i })));
    return byId;
  }, [blocks]);

  const form = useForm<FormValues>({
    defaultValues: initialValues(instrument, view.draft ?? {}),
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const { handleSubmit, trigger, getValues, setError, getFieldState, formState, watch } = form;

  const [step, setStep] = useState(0);
  // The step after the last block: every answer, with a way back to each block, and "Skicka in".
  const reviewStep = blocks.length;
  const [fromReview, setFromReview] = useState(false); // "Ändra" on the review step: come back to it
  const [showSummary, setShowSummary] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null); // the validation chunk did not load
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const resumed = useMemo(() => Object.keys(view.draft ?? {}).length > 0, [view.draft]);

  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const requestFocus = (target: string) => {
    pendingFocus.current = target;
    setFocusTick((n) => n + 1);
  };

  // ---- autosave -------------------------------------------------------------------------------
  const finished = useRef(false);
  const lastSaved = useRef<string>("");
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);

  const draftAnswers = useCallback(async () => {
    const answers = cleanAnswers(getValues(), instrument, true);
    const { draftIssues } = await loadValidation();
    // Never let a half-typed value block a save: leave out what the draft schema rejects.
    for (let i = 0; i < 3; i++) {
      const issues = draftIssues(instrument, answers);
      if (issues.length === 0) break;
      for (const issue of issues) removePath(answers, issue.path);
    }
    return answers;
  }, [getValues, instrument]);

  if (lastSaved.current === "") lastSaved.current = JSON.stringify(cleanAnswers(view.draft ?? {}, instrument, true));

  const saveNow = useCallback(
    (keepalive = false): Promise<void> => {
      window.clearTimeout(timer.current);
      chain.current = chain.current.then(async () => {
        if (finished.current) return;
        try {
          const answers = await draftAnswers();
          const body = JSON.stringify(answers);
          if (body === lastSaved.current) return;
          setSave((s) => ({ kind: "saving", last: s.kind === "saved" ? s.at : undefined }));
          const result = await api<{ savedAt: string }>(formUrl(token, "/draft"), { method: "PUT", body: { answers }, keepalive });
          lastSaved.current = body;
          setSave({ kind: "saved", at: result?.savedAt ?? new Date().toISOString() });
        } catch (error) {
          const outcome = outcomeOf(error);
          if (outcome && !finished.current) {
            finished.current = true;
            onOutcome(outcome);
          } else setSave({ kind: "failed" });
        }
      });
      return chain.current;
    },
    [draftAnswers, token, onOutcome],
  );

  useEffect(() => {
    const sub = watch((_values, { name }) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), 1500);
      // An error shown next to a question goes away as soon as the answer is fixed.
      const qid = name?.split(".")[0];
      if (qid && getFieldState(qid).error) void trigger(qid);
    });
    const onHide = () => {
      if (document.visibilityState === "hidden") void saveNow(true);
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      sub.unsubscribe();
      document.removeEventListener("visibilitychange", onHide);
      window.clearTimeout(timer.current);
    };
  }, [watch, saveNow, trigger, getFieldState]);

  // ---- focus after a step change or a failed check ---------------------------------------------
  useEffect(() => {
    const target = pendingFocus.current;
    pendingFocus.current = null;
    if (!target) return;
    if (target === "#first-error") {
      // The first answer to fix, in page order; the summary above lists them all (and is the
      // fallback when the error is on another step or on a whole question).
      const first = document.querySelector<HTMLElement>('form [aria-invalid="true"]');
      if (first) focusElement(first);
      else summaryRef.current?.focus();
    } else if (target === "#summary") summaryRef.current?.focus();
    else if (target === "#heading") headingRef.current?.focus();
    else focusField(target);
  }, [focusTick, step]);

  // ---- errors -------------------------------------------------------------------------------
  const describe = (path: string): { label: string; ctx: ErrorContext; block: number } => {
    const [qid, ...rest] = path.split(".");
    const entry = questions.get(qid);
    if (!entry) return { label: path, ctx: {}, block: step };
    const { q, block } = entry;
    let label = local(q.text);
    let ctx: ErrorContext = {};
    if (q.type === "number") ctx = { min: q.min, max: q.max, numeric: true };
    if (q.type === "likert") ctx = { numeric: true };
    if (q.type === "text") ctx = { maxLength: q.maxLength };
    if (q.type === "needMatrix" && rest.length >= 2) {
      const area = q.areas.find((a) => a.value === rest[0]);
      const horizon = q.horizons.find((h) => h.value === rest[1]);
      const field = rest[2] === "method" ? t("matrix.method") : rest[2] === "people" ? t("matrix.people") : t("matrix.level");
      label = `${local(area?.label)}, ${local(horizon?.label)}: ${field}`;
      if (rest[2] === "people") ctx = { min: 0, numeric: true };
    }
    if (q.type === "occupations" && rest.length >= 1 && /^\d+$/.test(rest[0])) {
      const field = rest[1];
      const key = `occ.${field}` as MessageKey;
      label = field ? `${t("occ.row", { n: Number(rest[0]) + 1 })}: ${t(key)}` : t("occ.row", { n: Number(rest[0]) + 1 });
      ctx = field === "ssyk" ? { ssyk: true } : field && field !== "staffChange12m" && field !== "educationLevel" && field !== "difficulty" ? { min: 0, numeric: true } : {};
    }
    return { label, ctx, block };
  };

  const errorList: (FlatError & { label: string; text: string; block: number })[] = flattenErrors(formState.errors).map((e) => {
    const d = describe(e.path);
    return { ...e, label: d.label, text: errorText(e.message, d.ctx), block: d.block };
  });

  const goToField = (path: string) => {
    const target = describe(path).block;
    if (target !== step) setStep(target);
    requestFocus(path);
  };

  // ---- navigation -----------------------------------------------------------------------------
  const blockNames = (i: number) => blocks[i]?.questions.map((q) => q.id) ?? [];

  async function next() {
    let ok: boolean;
    setLoadError(null);
    try {
      ok = await trigger(blockNames(step));
    } catch (error) {
      setLoadError(error);
      return;
    }
    if (!ok) {
      setShowSummary(true);
      requestFocus("#first-error");
      return;
    }
    setShowSummary(false);
    void saveNow();
    setStep((s) => (fromReview ? reviewStep : Math.min(s + 1, reviewStep)));
    if (fromReview) setFromReview(false);
    requestFocus("#heading");
  }

  function edit(block: number) {
    setShowSummary(false);
    setFromReview(true);
    setStep(block);
    requestFocus("#heading");
  }

  function previous() {
    void saveNow();
    setShowSummary(false);
    setStep((s) => Math.max(s - 1, 0));
    requestFocus("#heading");
  }

  const submit = handleSubmit(
    async (answers) => {
      setSubmitError(null);
      setSubmitting(true);
      try {
        window.clearTimeout(timer.current);
        await chain.current; // a draft save in flight must not land after the submission
        const result = await api<{ submittedAt: string }>(formUrl(token, "/submit"), { method: "POST", body: { answers } });
        finished.current = true;
        onOutcome({ kind: "done", at: result?.submittedAt ?? new Date().toISOString(), view, answers });
      } catch (error) {
        const outcome = outcomeOf(error);
        if (outcome) {
          finished.current = true;
          onOutcome(outcome);
          return;
        }
        if (error instanceof ApiError && error.status === 400 && error.issues.length) {
          for (const issue of error.issues) if (issue.path) setError(issue.path, { type: "server", message: issue.message });
          const first = error.issues.find((i) => i.path);
          if (first) {
            const target = describe(first.path).block;
            if (!blocks[step]?.questions.some((q) => q.id === first.path.split(".")[0])) setStep(target);
            setShowSummary(true);
            requestFocus("#first-error");
            return;
          }
        }
        setSubmitError(error);
      } finally {
        setSubmitting(false);
      }
    },
    (errors: FieldErrors<FormValues>) => {
      const flat = flattenErrors(errors);
      const here = flat.some((e) => describe(e.path).block === step);
      if (!here && flat.length) setStep(describe(flat[0].path).block);
      setShowSummary(true);
      requestFocus("#first-error");
    },
  );

  function onFormSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (step < reviewStep) void next();
    else {
      setLoadError(null);
      submit().catch(setLoadError);
    }
  }

  if (blocks.length === 0) return <p>{t("form.noBlocks")}</p>;
  const isReview = step === reviewStep;
  const block = isReview ? undefined : blocks[step];
  const total = blocks.length + 1;
  const stepName = block ? local(block.title) : t("review.title");
  const summaryVisible = showSummary && errorList.length > 0;

  return (
    <div className="page form-page">
      <PageTitle title={`${t("form.step", { n: step + 1, total })}: ${stepName} – ${local(instrument.title)}`}>{local(instrument.title)}</PageTitle>
      <p className="respondent">
        {t("form.respondingFor")} <strong>{view.organisation.name}</strong> ({t("form.orgNumber").toLowerCase()}{" "}
        {formatOrgNumber(view.organisation.orgNumber)}). {t("form.closesAt", { date: formatDateTime(view.round.closesAt, locale) })}
      </p>

      {step === 0 ? (
        <>
          <p className="lead">{local(instrument.intro)}</p>
          {view.round.brief ? (
            <section className="assignment-brief" aria-labelledby="assignment-brief-title">
              <h2 id="assignment-brief-title">{t("form.brief")}</h2>
              <p style={{ whiteSpace: "pre-line" }}>{local(view.round.brief)}</p>
            </section>
          ) : null}
          {resumed ? <p className="notice notice-info">{t("form.resumed")}</p> : <p className="notice notice-info">{t("form.autosaveInfo")}</p>}
        </>
      ) : null}

      {summaryVisible ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
          <p>{t("form.errorSummaryIntro")}</p>
          <ul>
            {errorList.map((e) => (
              <li key={e.path}>
                <a
                  href={`#${fieldId(e.path)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    goToField(e.path);
                  }}
                >
                  {e.label} – {e.text}
                  {e.block !== step ? ` ${t("form.errorSummaryStep", { n: e.block + 1 })}` : ""}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="progress" aria-hidden="true">
        <div className="progress-bar" style={{ width: `${((step + 1) / total) * 100}%` }} />
      </div>

      <FormProvider {...form}>
        <form noValidate onSubmit={onFormSubmit} aria-labelledby="block-title">
          <h2 id="block-title" ref={headingRef} tabIndex={-1} className="block-title">
            <span className="step-count">{t("form.step", { n: step + 1, total })}</span>
            <span className="visually-hidden">: </span>
            <span className="block-name">{stepName}</span>
          </h2>
          {block?.intro ? <p className="block-intro">{local(block.intro)}</p> : null}
          {step === 0 ? <OrganisationDetails view={view} /> : null}

          {/* Only the current step is in the page; the form keeps every answer between steps. */}
          {block ? (
            <div className="questions" key={block.id}>
              {block.questions.map((q) => (
                <QuestionField key={q.id} q={q} />
              ))}
            </div>
          ) : (
            <div className="review">
              <p className="block-intro">{t("review.intro")}</p>
              <SummaryPart.Part instrument={instrument} answers={cleanAnswers(getValues(), instrument, true)} onEdit={edit} />
            </div>
          )}

          {isReview ? <p className="hint">{t("form.lastStepInfo")}</p> : null}
          {submitError ? <ErrorMessage error={submitError} /> : null}
          {loadError ? <ErrorMessage error={loadError} /> : null}

          <div className="form-nav">
            {step > 0 ? (
              <button type="button" className="button button-secondary" onClick={previous}>
                {t("form.prev")}
              </button>
            ) : null}
            {isReview ? (
              <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting || undefined}>
                {submitting ? t("form.submitting") : t("form.submit")}
              </button>
            ) : (
              <button type="submit" className="button button-primary">
                {fromReview ? t("form.toReview") : t("form.next")}
              </button>
            )}
          </div>
        </form>
      </FormProvider>

      <div className="save-status">
        <span aria-hidden="true">{save.kind === "saving" ? t("form.saving") : ""}</span>
        <span role="status">
          {save.kind === "saved" || (save.kind === "saving" && save.last)
            ? t("form.saved", { time: formatTime(save.kind === "saved" ? save.at : save.last!, locale) })
            : save.kind === "failed"
              ? t("form.saveFailed")
              : ""}
        </span>
      </div>
    </div>
  );
}

function OrganisationDetails({ view }: { view: FormView }) {
  const { t } = useI18n();
  const o = view.organisation;
  return (
    <dl className="details">
      <div>
        <dt>{t("form.orgName")}</dt>
        <dd>{o.name}</dd>
      </div>
      <div>
        <dt>{t("form.orgNumber")}</dt>
        <dd>{formatOrgNumber(o.orgNumber)}</dd>
      </div>
      <div>
        <dt>{t("form.sni")}</dt>
        <dd>{o.sni}</dd>
      </div>
      <div>
        <dt>{t("form.municipality")}</dt>
        <dd>{o.municipality}</dd>
      </div>
      <div>
        <dt>{t("form.sizeClass")}</dt>
        <dd>{o.sizeClass}</dd>
      </div>
    </dl>
  );
}

function formatOrgNumber(n: string): string {
  return /^\d{10}$/.test(n) ? `${n.slice(0, 6)}-${n.slice(6)}` : n;
}

/** Form values from a saved draft: lists need an array, text needs a string. */
function initialValues(instrument: Instrument, draft: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const block of instrument.blocks)
    for (const q of block.questions) {
      const v = draft[q.id];
      if (q.type === "multi" || q.type === "occupations") values[q.id] = Array.isArray(v) ? v : [];
      else if (q.type === "needMatrix") values[q.id] = v && typeof v === "object" ? v : {};
      else if (q.type === "text") values[q.id] = typeof v === "string" ? v : "";
      else values[q.id] = v;
    }
  return values;
}

/** Moves focus to the field at a path, or to the nearest enclosing field that is on the page. */
function focusField(path: string) {
  const parts = path.split(".");
  while (parts.length) {
    const el = document.getElementById(fieldId(parts.join(".")));
    if (el) {
      focusElement(el);
      return;
    }
    parts.pop();
  }
}

/** Focuses a field with its question (legend or label) scrolled into view above it. */
function focusElement(el: HTMLElement) {
  const box = el.closest("fieldset, .field") ?? el;
  box.scrollIntoView({ block: "start" });
  el.focus({ preventScroll: true });
}
