import { useEffect, useMemo, useRef, useState, type SetStateAction } from "react";
import { useForm } from "react-hook-form";
import type { Organisation, Round, RoundPreview } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { localToIso } from "../../../lib/format";
import { navigate } from "../../../lib/router";
import { ErrorMessage, PageTitle } from "../../../lib/ui";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { ErrorText } from "../../../components/ErrorText";
import { ownerApi } from "../session";
import { useAccess } from "../access";
import { WizardPart } from "../components/WizardPart";
import { MailPreviews } from "./MailPreviews";
import { errorKey, FIELD_LABELS, formDefaults, invitationTextOf, recipientsOf, requestOf, roundResolver, SIZE_CLASSES, type Errors, type Issue, type RoundForm } from "./new-round-form";
import { RemindersField } from "./RemindersField";
import { RoundCreated } from "./RoundCreated";
import { MultiPicker, type Option } from "../MultiPicker";
import { useLookups } from "../lookups";
import { Field } from "../../../components/Field";
import { useLoad } from "../../../lib/use-load";
import type { InstrumentVersionSummary } from "../../../../../shared/schemas/instrument-version";

/**
 * The round wizard, as one page in four numbered parts: the round and its instrument, the
 * recipients (with the live count from POST /api/rounds/preview), the times and reminders, and the
 * invitation text with a live preview of the mail in both languages. Creating makes a draft; the
 * owner then launches it.
 */
export function NewRoundPage() {
  const { t, tMessage, lang } = useI18n();
  const lookups = useLookups();
  // The region's own versions (with its competence areas) beside the shipped ones; without them the shipped ones still show.
  const { data: regionVersions } = useLoad(
    async (signal) => (await ownerApi<{ items: InstrumentVersionSummary[] }>("/api/instruments", { signal })).items.filter((v) => !v.shipped),
    [],
  );
  const { project } = useAccess();
  const { register, handleSubmit, watch, setValue, getValues } = useForm<RoundForm>({ defaultValues: formDefaults(), resolver: roundResolver, shouldFocusError: false });
  const values = watch();
  const { name, mode, sni, municipalities, sizes, orgIds, reminders } = values;
  const update =
    (key: "sni" | "municipalities" | "sizes" | "orgIds" | "reminders") =>
    (next: SetStateAction<string[]>) =>
      setValue(key, typeof next === "function" ? next(getValues(key)) : next);
  const [setSni, setMunicipalities, setSizes, setOrgIds, setReminders] = [update("sni"), update("municipalities"), update("sizes"), update("orgIds"), update("reminders")];
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  const [preview, setPreview] = useState<RoundPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Round | null>(null);
  const [launching, setLaunching] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const recipients = useMemo(() => recipientsOf(mode, sni, municipalities, sizes, orgIds), [mode, sni, municipalities, sizes, orgIds]);
  const invitationText = invitationTextOf(values);

  // The organisations to choose from, when the owner picks a list.
  useEffect(() => {
    if (mode !== "list" || orgs) return;
    ownerApi<{ items: Organisation[] }>("/api/organisations").then((r) => setOrgs(r.items), setPreviewError);
  }, [mode, orgs]);

  // Live recipient count and mail preview (debounced; the last answer wins).
  const closesIso = localToIso(values.closesAt);
  const previewKey = JSON.stringify({ name, closesIso, recipients, invitationText });
  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      const body = { name: name.trim(), closesAt: Number.isNaN(Date.parse(closesIso)) ? undefined : closesIso, recipients, invitationText };
      ownerApi<RoundPreview>("/api/rounds/preview", { method: "POST", body, signal: controller.signal }).then(
        (p) => {
          setPreview(p);
          setPreviewError(null);
        },
        (e) => {
          if ((e as Error)?.name !== "AbortError") setPreviewError(e);
        },
      );
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // previewKey stands for the values it is built from
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey]);

  const divisionOptions: Option[] = lookups?.divisions ?? [];
  const municipalityOptions: Option[] = lookups?.municipalities ?? [];
  const orgOptions: Option[] = useMemo(() => (orgs ?? []).map((o) => ({ code: o.id, label: o.name })), [orgs]);

  /** Field errors from the form's checks or the API's issues, keyed by the input they belong to. */
  function toErrors(issues: Issue[]): Errors {
    const out: Errors = {};
    for (const issue of issues) {
      out[errorKey(issue.path)] ??= issue.message.startsWith("newRound.") ? t(issue.message as MessageKey) : tMessage(issue.message);
    }
    return out;
  }

  function showErrors(issues: Issue[]) {
    setErrors(toErrors(issues));
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  // The API validates with the same CreateRoundRequest (shared/schemas/round.ts) and answers 400
  // with issues in the same shape.
  const submit = handleSubmit(
    async (form) => {
      setError(null);
      // The round belongs to the project chosen in the header.
      const body = { ...requestOf(form), projectId: project?.id };
      setErrors({});
      setBusy(true);
      try {
        const round = await ownerApi<Round>("/api/rounds", { method: "POST", body });
        setCreated(round);
        requestAnimationFrame(() => createdRef.current?.focus());
      } catch (e) {
        if (e instanceof ApiError && e.status === 400 && e.issues.length) showErrors(e.issues);
        else setError(e);
      } finally {
        setBusy(false);
      }
    },
    (invalid) => {
      setError(null);
      showErrors(Object.entries(invalid).map(([path, e]) => ({ path, message: String(e?.message) })));
    },
  );

  async function launch() {
    if (!created) return;
    setError(null);
    setLaunching(true);
    try {
      await ownerApi<Round>(`/api/rounds/${encodeURIComponent(created.id)}/launch`, { method: "POST" });
      navigate(`/owner/rounds/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e);
      setLaunching(false);
    }
  }

  const countText = preview
    ? preview.recipients.organisations === 0
      ? t("newRound.countNone")
      : t("newRound.count", { orgs: preview.recipients.organisations, persons: preview.recipients.persons })
    : t("newRound.counting");

  if (created)
    return <RoundCreated round={created} countText={countText} error={error} launching={launching} onLaunch={launch} panelRef={createdRef} />;

  const inputId = (key: string) => `round-${key.replace(".", "-")}`;
  const err = (key: string) =>
(errors[key] ? <ErrorText id={`${inputId(key)}-error`}>{errors[key]}</ErrorText> : null);
  const desc = (key: string, hint?: boolean) =>
    [hint ? `${inputId(key)}-hint` : "", errors[key] ? `${inputId(key)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const labelFor = (key: string) =>
    key.startsWith("reminders.")
      ? t("newRound.reminder", { n: Number(key.split(".")[1]) + 1 })
      : FIELD_LABELS[key]
        ? t(FIELD_LABELS[key])
        : key;
  const removeLabel = (text: string) => t("newRound.remove", { item: text });

  return (
    <div className="page wizard">
      <PageTitle>{t("newRound.title")}</PageTitle>
      <p className="lead">{t("newRound.intro")}</p>
      <ErrorSummary
        titleId="round-errors-title"
        summaryRef={summaryRef}
        items={Object.entries(errors).map(([key, message]) => ({ key, target: inputId(key), text: `${labelFor(key)} – ${message}` }))}
      />
      <form noValidate onSubmit={submit}>
        <WizardPart id="part-1" n={1} title={t("newRound.partRound")}>
          <Field id="round-name" label={t("newRound.name")} hint={t("newRound.nameHint")} error={errors.name}>
            <input
              id="round-name"
              className="input"
              maxLength={200}
              {...register("name")}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={desc("name", true)}
            />
          </Field>
          <Field id="round-instrument" label={t("newRound.instrument")} hint={t("newRound.instrumentHint")}>
            <select
              id="round-instrument"
              className="input input-select"
              {...register("instrument")}
              aria-describedby="round-instrument-hint"
            >
              <option value="skills-needs@2">{t("newRound.instrumentSkillsV2")}</option>
              <option value="skills-needs@1">{t("newRound.instrumentSkills")}</option>
              {(regionVersions ?? []).map((v) => (
                <option key={v.version} value={`${v.id}@${v.version}`}>
                  {t("newRound.instrumentRegion", { version: v.version, areas: (v.regionAreas ?? []).map((a) => a[lang]).join(", ") })}
                </option>
              ))}
            </select>
          </Field>
        </WizardPart>

        <WizardPart id="part-2" n={2} title={t("newRound.recipients")}>
          <fieldset className="group">
            <legend>{t("newRound.recipientsWho")}</legend>
            <div className="choices">
              {(["all", "filter", "list"] as const).map((m) => (
                <div className="choice" key={m}>
                  <input id={`round-mode-${m}`} type="radio" value={m} {...register("mode")} />
                  <label htmlFor={`round-mode-${m}`}>{t(`newRound.mode.${m}` as MessageKey)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          {mode === "filter" ? (
            <div className="subgroup">
              <p className="hint">{t("newRound.recipientsHint")}</p>
              <Field id={inputId("sni")} label={t("newRound.sniDivisions")} hint={t("newRound.sniDivisionsHint")} error={errors.sni}>                <MultiPicker id={inputId("sni")} options={divisionOptions} values={sni} onChange={setSni} describedBy={desc("sni", true)} invalid={Boolean(errors.sni)} removeLabel={removeLabel} />              </Field>
              <Field id={inputId("municipalities")} label={t("newRound.municipalities")} hint={t("newRound.municipalitiesHint")} error={errors.municipalities}>                <MultiPicker
                  id={inputId("municipalities")}
                  options={municipalityOptions}
                  values={municipalities}
                  onChange={setMunicipalities}
                  describedBy={desc("municipalities", true)}
                  invalid={Boolean(errors.municipalities)}
                  removeLabel={removeLabel}
                />              </Field>
              <fieldset className="group" aria-describedby={errors.sizes ? `${inputId("sizes")}-error` : undefined}>
                <legend>{t("newRound.sizeClasses")}</legend>
                {err("sizes")}
                <div className="choices choices-inline">
                  {SIZE_CLASSES.map((s, i) => (
                    <div className="choice choice-checkbox" key={s}>
                      <input
                        id={i === 0 ? inputId("sizes") : `${inputId("sizes")}-${i}`}
                        type="checkbox"
                        checked={sizes.includes(s)}
                        onChange={(e) => setSizes((v) => (e.target.checked ? [...v, s] : v.filter((x) => x !== s)))}
                      />
                      <label htmlFor={i === 0 ? inputId("sizes") : `${inputId("sizes")}-${i}`}>{s}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          ) : null}
          {mode === "list" ? (
            <div className="subgroup">
              <Field id={inputId("orgs")} label={t("newRound.orgs")} hint={t("newRound.orgsHint")} error={errors.orgs}>                <MultiPicker id={inputId("orgs")} options={orgOptions} values={orgIds} onChange={setOrgIds} describedBy={desc("orgs", true)} invalid={Boolean(errors.orgs)} removeLabel={removeLabel} />              </Field>
            </div>
          ) : null}
          <div className={preview && preview.recipients.persons === 0 ? "recipient-count is-empty" : "recipient-count"} role="status">
            <p>{countText}</p>
            {preview && preview.recipients.organisations > 0 && preview.recipients.persons === 0 ? <p className="hint">{t("newRound.noPersons")}</p> : null}
          </div>
          {previewError ? <ErrorMessage error={previewError} /> : null}
        </WizardPart>

        <WizardPart id="part-3" n={3} title={t("newRound.partTimes")}>
          <div className="field-grid">
            {(["opensAt", "closesAt"] as const).map((key) => (
              <Field
                key={key}
                id={inputId(key)}
                label={t(key === "opensAt" ? "newRound.opensAt" : "newRound.closesAt")}
                hint={t("newRound.timeHint", { zone })}
                error={errors[key]}
              >
                <input
                  id={inputId(key)}
                  type="datetime-local"
                  className="input"
                  {...register(key)}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={desc(key, true)}
                />
              </Field>
            ))}
          </div>
          <RemindersField
            reminders={reminders}
            setReminders={setReminders}
            opensAt={values.opensAt}
            errors={errors}
            inputId={inputId}
            desc={desc}
          />
        </WizardPart>

        <WizardPart id="part-4" n={4} title={t("newRound.partInvitation")}>
          <p className="hint">{t("newRound.textHint")}</p>
          <div className="field-grid">
            {(["sv", "en"] as const).map((lang) => {
              const key = lang === "sv" ? "textSv" : "textEn";
              return (
                <Field key={lang} id={inputId(key)} label={t(lang === "sv" ? "newRound.textSv" : "newRound.textEn")} error={errors[key]}>
                  <textarea
                    id={inputId(key)}
                    lang={lang}
                    className="input input-textarea"
                    rows={5}
                    maxLength={2000}
                    {...register(key)}
                    aria-invalid={errors[key] ? true : undefined}
                    aria-describedby={desc(key)}
                  />
                </Field>
              );
            })}
          </div>
          <MailPreviews preview={preview} />
        </WizardPart>

        {error ? <ErrorMessage error={error} /> : null}
        <div className="wizard-submit">
          <p>{t("newRound.submitIntro")}</p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("newRound.creating") : t("newRound.submit")}
          </button>
        </div>
      </form>
    </div>
  );
}

