import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { LIMITS } from "../../../../../shared/schemas/common";
import { EducationOfferingRequest, OFFERING_FORMS, OFFERING_KINDS, type EducationOffering } from "../../../../../shared/supply/schemas";
import { sunFieldList, sunLevelLabel } from "../../../../../shared/classifications/sun";
import { CodePicker } from "../../../components/CodePicker";
import { cached } from "../../../lib/codelists";
import { Field } from "../../../components/Field";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { useI18n } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { useSupplyTexts } from "./texts";

type Values = EducationOfferingRequest;
const FIELDS = ["provider", "title", "kind", "sunField", "sunLevel", "form", "municipality", "startDate", "places", "contact"] as const;
type FieldName = (typeof FIELDS)[number];
/** The levels an offering is at: upper secondary (3) and the post-secondary levels (4-6) with their durations. */
const LEVELS = ["3", "31", "32", "33", "4", "41", "5", "52", "53", "54", "55", "6"];
const resolver = zodResolver(EducationOfferingRequest);

// The SUN fields are in this chunk already (the offering schema validates against them).
const loadSunFields = cached(async () => sunFieldList().map((e) => [e.code, e.label] as const));
const loadMunicipalities = cached(() =>
  import("../../../../../shared/classifications/places").then((m) => m.municipalitiesOf("").map((e) => [e.code, e.name] as const)),
);

const EMPTY: Partial<Values> = { provider: "", title: "", kind: "komvux", sunField: "", sunLevel: "3", form: "campus", municipality: "", startDate: "", contact: "" };

/** Adds an offering (POST /api/education-offerings) or changes one (PUT .../{id}); the API checks the same schema. */
export function OfferingFormPage({ id }: { id?: string }) {
  const st = useSupplyTexts();
  const { data, error, reload } = useLoad(async (signal) => (id ? await ownerApi<EducationOffering>(`/api/education-offerings/${encodeURIComponent(id)}`, { signal }) : null), [id]);
  const title = id ? st("sup.formTitleEdit") : st("sup.formTitleNew");
  return (
    <div className="page narrow">
      <p>
        <Link href="/owner/supply">{st("sup.back")}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {id && !data && !error ? <Loading /> : null}
      {!id || data ? <OfferingForm id={id} initial={data ?? undefined} /> : null}
    </div>
  );
}

function OfferingForm({ id, initial }: { id?: string; initial?: EducationOffering }) {
  const st = useSupplyTexts();
  const { tMessage } = useI18n();
  const defaults: Partial<Values> = initial ? Object.fromEntries(FIELDS.map((f) => [f, initial[f] ?? (f === "contact" ? "" : undefined)])) : EMPTY;
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: defaults, resolver, shouldFocusError: false });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<EducationOffering | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const labels: Record<FieldName, string> = {
    provider: st("sup.provider"), title: st("sup.offeringTitle"), kind: st("sup.kind"), sunField: st("sup.sunField"), sunLevel: st("sup.sunLevel"),
    form: st("sup.form"), municipality: st("sup.municipality"), startDate: st("sup.startDate"), places: st("sup.places"), contact: st("sup.contact"),
  };
  const message = (f: FieldName) => {
    const m = errors[f]?.message;
    return m ? tMessage(m === "Invalid input" || /expected number/.test(m) ? "error.number" : m) : undefined;
  };
  const describedBy = (f: FieldName, hint = false) => [hint ? `offering-${f}-hint` : "", errors[f] ? `offering-${f}-error` : ""].filter(Boolean).join(" ") || undefined;
  const control_ = (f: FieldName) => ({ id: `offering-${f}`, "aria-invalid": errors[f] ? true : undefined, "aria-describedby": describedBy(f, f === "contact") });

  const submit = handleSubmit(
    async (values) => {
      setError(null);
      setSaved(null);
      const body = { ...values, contact: values.contact?.trim() ? values.contact : undefined };
      try {
        const result = await ownerApi<EducationOffering>(id ? `/api/education-offerings/${encodeURIComponent(id)}` : "/api/education-offerings", { method: id ? "PUT" : "POST", body });
        setSaved(result);
        if (!id) reset(EMPTY);
        requestAnimationFrame(() => statusRef.current?.focus());
      } catch (e) {
        if (e instanceof ApiError && e.status === 400 && e.issues.length) {
          for (const i of e.issues) if ((FIELDS as readonly string[]).includes(i.path)) setFieldError(i.path as FieldName, { message: i.message });
          requestAnimationFrame(() => summaryRef.current?.focus());
        } else setError(e);
      }
    },
    () => requestAnimationFrame(() => summaryRef.current?.focus()),
  );

  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({ key: f, target: `offering-${f}`, text: `${labels[f]}: ${message(f)}` }));

  return (
    <form noValidate onSubmit={submit} className="card">
      <ErrorSummary titleId="offering-errors-title" items={summary} summaryRef={summaryRef} />
      <Field id="offering-provider" label={labels.provider} error={message("provider")}>
        <input className="input" maxLength={LIMITS.name} {...register("provider")} {...control_("provider")} />
      </Field>
      <Field id="offering-title" label={labels.title} error={message("title")}>
        <input className="input" maxLength={LIMITS.name} {...register("title")} {...control_("title")} />
      </Field>
      <Field id="offering-kind" label={labels.kind} error={message("kind")}>
        <select className="input input-select" {...register("kind")} {...control_("kind")}>
          {OFFERING_KINDS.map((k) => (
            <option key={k} value={k}>{st(`sup.kind.${k}`)}</option>
          ))}
        </select>
      </Field>
      <Controller
        control={control}
        name="sunField"
        render={({ field }) => (
          <CodePicker id="offering-sunField" name={field.name} label={labels.sunField} hint={st("sup.sunFieldHint")} error={message("sunField")} value={field.value ?? ""} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} load={loadSunFields} />
        )}
      />
      <Field id="offering-sunLevel" label={labels.sunLevel} error={message("sunLevel")}>
        <select className="input input-select" {...register("sunLevel")} {...control_("sunLevel")}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>{`${l} ${sunLevelLabel(l) ?? ""}`}</option>
          ))}
        </select>
      </Field>
      <Field id="offering-form" label={labels.form} error={message("form")}>
        <select className="input input-select" {...register("form")} {...control_("form")}>
          {OFFERING_FORMS.map((f) => (
            <option key={f} value={f}>{st(`sup.form.${f}`)}</option>
          ))}
        </select>
      </Field>
      <Controller
        control={control}
        name="municipality"
        render={({ field }) => (
          <CodePicker id="offering-municipality" name={field.name} label={labels.municipality} error={message("municipality")} value={field.value ?? ""} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} load={loadMunicipalities} />
        )}
      />
      <Field id="offering-startDate" label={labels.startDate} error={message("startDate")}>
        <input type="date" className="input input-short" {...register("startDate")} {...control_("startDate")} />
      </Field>
      <Field id="offering-places" label={labels.places} error={message("places")}>
        <input type="number" min={1} step={1} className="input input-short" {...register("places", { valueAsNumber: true })} {...control_("places")} />
      </Field>
      <Field id="offering-contact" label={labels.contact} hint={st("sup.contactHint")} optional error={message("contact")}>
        <input className="input" maxLength={LIMITS.name} {...register("contact")} {...control_("contact")} />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? st("sup.saving") : st("sup.save")}
      </button>
      <div role="status" ref={statusRef} tabIndex={-1}>
        {saved ? (
          <p className="notice notice-success">
            {st("sup.saved", { title: saved.title })} <Link href={`/owner/supply/${encodeURIComponent(saved.id)}`}>{saved.title}</Link>
          </p>
        ) : null}
      </div>
    </form>
  );
}
