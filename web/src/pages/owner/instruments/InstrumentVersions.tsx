import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { Instrument } from "../../../../../shared/schemas/instrument";
import { MAX_REGION_AREAS, RegionAreasRequest, type InstrumentVersionSummary } from "../../../../../shared/schemas/instrument-version";
import { Field } from "../../../components/Field";
import { ErrorText } from "../../../components/ErrorText";
import { registerTexts, useI18n } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { ErrorMessage, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { DataTable } from "../components/DataTable";
import { ListStatus } from "../components/ListPage";
import { ownerApi } from "../session";
import { INSTRUMENT_TEXTS } from "./instrument-texts";

registerTexts(INSTRUMENT_TEXTS);

type TextKey = keyof (typeof INSTRUMENT_TEXTS)["sv"];
function useTexts() {
  const { tMessage } = useI18n();
  return (key: TextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
}

/**
 * The skills-needs versions (GET /api/instruments) and a form that makes a new one with the
 * region's own competence areas (POST /api/instruments/skills-needs/versions). Region admins and
 * whoever may manage rounds in a project.
 */
export function InstrumentVersionsPage() {
  const it = useTexts();
  const { lang } = useI18n();
  const { data: items, error, reload } = useLoad(async (signal) => (await ownerApi<{ items: InstrumentVersionSummary[] }>("/api/instruments", { signal })).items, []);
  const status = (v: InstrumentVersionSummary) => (v.shipped ? it("inst.shipped") : v.used ? it("inst.used") : it("inst.unused"));

  return (
    <div className="page">
      <PageTitle>{it("inst.title")}</PageTitle>
      <p className="lead">{it("inst.intro")}</p>
      <ListStatus items={items} error={error} reload={reload} none={it("inst.none")} />
      {items && items.length > 0 ? (
        <DataTable
          caption={it("inst.caption")}
          captionHidden
          captionId="instrument-versions-caption"
          columns={[
            { key: "version", header: it("inst.colVersion"), cell: (v) => String(v.version) },
            { key: "base", header: it("inst.colBase"), cell: (v) => (v.baseVersion ? it("inst.baseOf", { version: v.baseVersion }) : "–") },
            { key: "areas", header: it("inst.colAreas"), cell: (v) => v.areas.map((a) => a.label[lang]).join(", ") },
            { key: "status", header: it("inst.colStatus"), cell: status },
          ]}
          rows={items}
          rowKey={(v) => v.version}
        />
      ) : null}
      {items ? <CreateVersion shipped={items.filter((v) => v.shipped).map((v) => v.version)} onCreated={() => void reload()} /> : null}
    </div>
  );
}

type Values = { baseVersion?: number; areas: { sv: string; en: string }[] };
const resolver = zodResolver(RegionAreasRequest);
const EMPTY_AREA = { sv: "", en: "" };

function CreateVersion({ shipped, onCreated }: { shipped: number[]; onCreated: () => void }) {
  const it = useTexts();
  const { tMessage } = useI18n();
  const newest = Math.max(...shipped);
  const {
    control,
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { baseVersion: newest, areas: [{ ...EMPTY_AREA }] }, resolver });
  const { fields, append, remove } = useFieldArray({ control, name: "areas" });
  const [created, setCreated] = useState<Instrument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const full = fields.length >= MAX_REGION_AREAS;

  // The API checks the same RegionAreasRequest, and that each English name makes a new area id.
  const submit = handleSubmit(async (values) => {
    setError(null);
    setCreated(null);
    try {
      const made = await ownerApi<Instrument>("/api/instruments/skills-needs/versions", { method: "POST", body: values });
      setCreated(made);
      reset({ baseVersion: newest, areas: [{ ...EMPTY_AREA }] });
      onCreated();
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        for (const i of e.issues) {
          const m = /^areas\.(\d+)\.(sv|en)$/.exec(i.path);
          if (m) setFieldError(`areas.${Number(m[1])}.${m[2] as "sv" | "en"}`, { message: i.message }, { shouldFocus: true });
          else if (i.path === "baseVersion") setFieldError("baseVersion", { message: i.message }, { shouldFocus: true });
          else setError(e);
        }
      } else setError(e);
    }
  });

  const areaError = (i: number, lang: "sv" | "en") => errors.areas?.[i]?.[lang]?.message;
  const message = (m: string | undefined) => (m ? tMessage(m) : undefined);
  const listError = errors.areas?.root?.message ?? errors.areas?.message;

  return (
    <section className="card" aria-labelledby="create-version-title">
      <h2 id="create-version-title">{it("inst.createTitle")}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="version-base" label={it("inst.base")} hint={it("inst.baseHint")} error={message(errors.baseVersion?.message)}>
          <select
            id="version-base"
            className="input input-select"
            aria-describedby={["version-base-hint", errors.baseVersion ? "version-base-error" : ""].filter(Boolean).join(" ")}
            {...register("baseVersion", { setValueAs: Number })}
          >
            {shipped.map((v) => (
              <option key={v} value={v}>
                {it("inst.baseOf", { version: v })}
              </option>
            ))}
          </select>
        </Field>
        {listError ? <ErrorText id="version-areas-error">{message(listError)}</ErrorText> : null}
        <ol className="area-rows">
          {fields.map((f, i) => (
            <li key={f.id}>
              <fieldset className="group">
                <legend>{it("inst.area", { n: i + 1 })}</legend>
                {(["sv", "en"] as const).map((l) => {
                  const id = `version-area-${i}-${l}`;
                  const hint = l === "en" ? it("inst.areaEnHint") : undefined;
                  const err = areaError(i, l);
                  return (
                    <Field key={l} id={id} label={it(l === "sv" ? "inst.areaSv" : "inst.areaEn")} hint={hint} error={message(err)}>
                      <input
                        id={id}
                        className="input"
                        maxLength={60}
                        aria-invalid={err ? true : undefined}
                        aria-describedby={[hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
                        {...register(`areas.${i}.${l}`)}
                      />
                    </Field>
                  );
                })}
                {fields.length > 1 ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      remove(i);
                      addRef.current?.focus();
                    }}
                  >
                    {it("inst.removeArea", { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        <p>
          <button
            ref={addRef}
            type="button"
            className="button button-secondary"
            aria-disabled={full ? true : undefined}
            aria-describedby={full ? "version-areas-max" : undefined}
            onClick={() => {
              if (!full) append({ ...EMPTY_AREA }, { focusName: `areas.${fields.length}.sv` });
            }}
          >
            {it("inst.addArea")}
          </button>
        </p>
        {full ? (
          <p className="hint" id="version-areas-max">
            {it("inst.maxAreas", { max: MAX_REGION_AREAS })}
          </p>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? it("inst.creating") : it("inst.create")}
        </button>
      </form>
      <div role="status" ref={statusRef} tabIndex={-1}>
        {created ? <p className="notice notice-success">{it("inst.created", { version: created.version })}</p> : null}
      </div>
    </section>
  );
}
