import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { FormProvider, useForm, type FieldErrors, type Resolver } from "react-hook-form";
import type { FormView, Question } from "../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../i18n";
import { api, ApiError } from "../../lib/api";
import { formatDateTime, formatOrgNumber, formatTime } from "../../lib/format";
import { ErrorMessage, PageTitle } from "../../lib/ui";
import { Link } from "../../lib/router";
import { ErrorSummary } from "../../components/ErrorSummary";
import { cleanAnswers, fieldId, flattenErrors, type FlatError } from "./answers";
import { useDraftAutosave } from "./autosave";
import { useFieldErrorText, useLocal, type ErrorContext } from "./controls";
import { focusElement, focusField } from "./focus";
import { formUrl, initialValues, loadValidation, outcomeOf, type FormValues, type PageState } from "./form-session";
import { preloadQuestionParts, QuestionField, SummaryPart } from "./questions";

/** The form's steps (one per block, then the review), with autosave, error summary and submission. */
export function ParticipantForm({ view, token, onOutcome }: { view: FormView; token: string; onOutcome: (s: PageState) => void }) {
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
  const { handleSubmit, trigger, getValues, setError, formState } = form;

  const [step, setStep] = useState(0);
  // The step after the last block: every answer, with a way back to each block, and "Skicka in".
  const reviewStep = blocks.length;
  const [fromReview, setFromReview] = useState(false); // "Ändra" on the review step: come back to it
  const [showSummary, setShowSummary] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null); // the validation chunk did not load
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
  const { save, saveNow, settle, finish } = useDraftAutosave(form, instrument, view.draft, token, onOutcome);

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
        await settle(); // a draft save in flight must not land after the submission
        const result = await api<{ submittedAt: string }>(formUrl("/submit"), { method: "POST", formToken: token, body: { answers } });
        finish();
        onOutcome({ kind: "done", at: result?.submittedAt ?? new Date().toISOString(), view, answers });
      } catch (error) {
        const outcome = outcomeOf(error);
        if (outcome) {
          finish();
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
          <p className="privacy-note">
            {t(instrument.id === "reflection" ? "form.privacyAnonymous" : "form.privacy")} <Link href="/om-tjansten">{t("form.privacyLink")}</Link>
          </p>
        </>
      ) : null}

      {summaryVisible ? (
        <ErrorSummary
          titleId="error-summary-title"
          intro={t("form.errorSummaryIntro")}
          summaryRef={summaryRef}
          items={errorList.map((e) => ({
            key: e.path,
            target: fieldId(e.path),
            text: `${e.label} – ${e.text}${e.block !== step ? ` ${t("form.errorSummaryStep", { n: e.block + 1 })}` : ""}`,
            onSelect: () => goToField(e.path),
          }))}
        />
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
