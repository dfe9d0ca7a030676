import { useRef, useState, type FormEvent } from "react";
import type { Organisation, Person, UpdateOrganisationRequest } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { Field } from "../../../components/Field";
import { Combobox } from "../../../components/Combobox";
import { NO_OPTIONS, useEntries } from "../MultiPicker";
import { useLookups } from "../lookups";
import { ownerApi } from "../session";
import { ListStatus } from "../components/ListPage";
import { formatDateTime, formatOrgNumber } from "../../../lib/format";
import { RespondentMark } from "./RespondentMark";
import { PersonalData } from "./PersonalData";
import { useAccess } from "../access";

// Listed here (not imported from shared/schemas) so that this chunk pulls no zod code into the entry.
const KINDS = ["company", "education", "municipality", "employment-service", "other"] as const;
const SIZE_CLASSES = ["0-9", "10-49", "50-249", "250+"] as const;
const GENDERS = ["woman", "man", "non-binary", "prefer-not-to-say"] as const;
const AGE_BANDS = ["-29", "30-44", "45-59", "60-"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Errors = Record<string, string>;

function apiErrors(e: unknown, tMessage: (m: string) => string): Errors | null {
  if (!(e instanceof ApiError) || e.status !== 400 || !e.issues.length) return null;
  const out: Errors = {};
  for (const i of e.issues) out[i.path.split(".")[0]] ??= tMessage(i.message);
  return out;
}

const describe = (id: string, hint: boolean, error?: string) => [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

export function OrganisationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error, reload: load, setData } = useLoad(async () => {
    // There is no GET /api/organisations/{id}: the search by number finds it.
    const { items } = await ownerApi<{ items: Organisation[] }>(`/api/organisations?q=${encodeURIComponent(id)}`);
    return { org: items.find((o) => o.id === id) ?? null };
  }, [id]);
  const org = data?.org ?? null;
  const missing = data !== null && !data.org;

  const back = (
    <p className="back-link">
      <Link href="/owner/organisations">{t("org.back")}</Link>
    </p>
  );
  if (missing)
    return (
      <div className="page">
        {back}
        <PageTitle>{t("org.notFoundTitle")}</PageTitle>
        <p>{t("org.notFound")}</p>
      </div>
    );
  if (!org)
    return (
      <div className="page">
        {back}
        {error ? <ErrorMessage error={error} onRetry={() => void load()} /> : <Loading />}
      </div>
    );

  return (
    <div className="page">
      {back}
      <PageTitle title={org.name}>{org.name}</PageTitle>
      <p className="lead">
        {t("org.orgNumber")}: <span className="nowrap">{formatOrgNumber(org.orgNumber)}</span>
      </p>
      <div className="two-col">
        <EditOrganisation key={org.id} org={org} onSaved={(saved) => setData({ org: saved })} />
        <Persons organisationId={org.id} />
      </div>
    </div>
  );
}

function EditOrganisation({ org, onSaved }: { org: Organisation; onSaved: (o: Organisation) => void }) {
  const { t, tMessage } = useI18n();
  const lookups = useLookups();
  const sniEntries = useEntries(lookups?.sniCodes ?? NO_OPTIONS);
  const municipalityEntries = useEntries(lookups?.municipalities ?? NO_OPTIONS);
  const [values, setValues] = useState({ name: org.name, kind: org.kind, sni: org.sni, municipality: org.municipality, sizeClass: org.sizeClass });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const local: Errors = {};
    if (!values.name.trim()) local.name = t("org.nameRequired");
    if (!/^\d{5}$/.test(values.sni)) local.sni = tMessage("error.sni.format");
    if (!/^\d{4}$/.test(values.municipality)) local.municipality = tMessage("error.municipality.format");
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`org-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    const body: UpdateOrganisationRequest = {};
    if (values.name.trim() !== org.name) body.name = values.name.trim();
    if (values.kind !== org.kind) body.kind = values.kind;
    if (values.sni !== org.sni) body.sni = values.sni;
    if (values.municipality !== org.municipality) body.municipality = values.municipality;
    if (values.sizeClass !== org.sizeClass) body.sizeClass = values.sizeClass;
    setBusy(true);
    try {
      const updated = await ownerApi<Organisation>(`/api/organisations/${encodeURIComponent(org.id)}`, { method: "PUT", body });
      onSaved(updated);
      setSaved(true);
    } catch (e) {
      const fields = apiErrors(e, tMessage);
      if (fields) {
        setErrors(fields);
        document.getElementById(`org-${Object.keys(fields)[0]}`)?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="org-edit-title">
      <h2 id="org-edit-title">{t("org.editTitle")}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="org-name" label={t("org.name")} error={errors.name}>
          <input id="org-name" className="input" maxLength={200} value={values.name} onChange={(e) => set("name", e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={describe("org-name", false, errors.name)} />
        </Field>
        <Field id="org-kind" label={t("org.kind")}>
          <select id="org-kind" className="input input-select" value={values.kind} onChange={(e) => set("kind", e.target.value as Organisation["kind"])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="org-sni" label={t("org.sni")} hint={t("org.sniHint")} error={errors.sni}>
          <Combobox
            id="org-sni"
            options={lookups ? sniEntries : null}
            value={values.sni}
            onChange={(code) => set("sni", code)}
            strict
            separator=" "
            listLabel={t("picker.suggestions")}
            describedBy={describe("org-sni", true, errors.sni)}
            invalid={Boolean(errors.sni)}
          />
        </Field>
        <Field id="org-municipality" label={t("org.municipality")} hint={t("org.municipalityHint")} error={errors.municipality}>
          <Combobox
            id="org-municipality"
            options={lookups ? municipalityEntries : null}
            value={values.municipality}
            onChange={(code) => set("municipality", code)}
            strict
            separator=" "
            listLabel={t("picker.suggestions")}
            describedBy={describe("org-municipality", true, errors.municipality)}
            invalid={Boolean(errors.municipality)}
          />
        </Field>
        <fieldset className="group">
          <legend>{t("org.sizeClass")}</legend>
          <div className="choices choices-inline">
            {SIZE_CLASSES.map((s) => (
              <div className="choice" key={s}>
                <input id={`org-size-${s}`} type="radio" name="sizeClass" checked={values.sizeClass === s} onChange={() => set("sizeClass", s)} />
                <label htmlFor={`org-size-${s}`}>{t("org.sizeEmployees", { size: s })}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("org.saving") : t("org.save")}
          </button>
        </div>
        <div role="status" ref={statusRef}>
          {saved ? <p className="notice notice-success">{t("org.saved")}</p> : null}
        </div>
      </form>
    </section>
  );
}

function Persons({ organisationId }: { organisationId: string }) {
  const { t, tMessage, locale } = useI18n();
  const { data: items, error, reload: load, setData: setItems } = useLoad(
    async () => (await ownerApi<{ items: Person[] }>(`/api/organisations/${encodeURIComponent(organisationId)}/persons`)).items,
    [organisationId],
  );
  const [added, setAdded] = useState<string | null>(null);
  const [erased, setErased] = useState<string | null>(null);
  // A person's data is exported and erased by the region's admins only.
  const admin = useAccess().me.regionAdmin;

  return (
    <section className="card" aria-labelledby="persons-title">
      <h2 id="persons-title">{t("persons.title")}</h2>
      <p className="hint">{t("persons.intro")}</p>
      <ListStatus items={items} error={error} reload={load} none={t("persons.none")} />
      {items && items.length > 0 ? (
        <ul className="person-list">
          {items.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.role ? <span>, {p.role}</span> : null}
              <br />
              <span className="break">{p.email}</span>
              <span className="cell-sub">
                {t("persons.languageIs", { lang: t(p.language === "en" ? "persons.langEn" : "persons.langSv") })} · {t("persons.added", { time: formatDateTime(p.createdAt, locale) })}
              </span>
              <RespondentMark organisationId={organisationId} person={p} persons={items} onChanged={setItems} />
              {admin ? (
                <PersonalData
                  person={p}
                  onErased={(gone) => {
                    setAdded(null);
                    setErased(gone.name);
                    setItems((list) => (list ?? []).filter((x) => x.id !== gone.id));
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div role="status">
        {added ? <p className="notice notice-success">{t("persons.addedNotice", { name: added })}</p> : null}
        {erased ? <p className="notice notice-success">{tMessage("pd.erased", { name: erased })}</p> : null}
      </div>
      <AddPerson
        organisationId={organisationId}
        onAdded={(p) => {
          setAdded(p.name);
          setItems((list) => [...(list ?? []), p]);
        }}
      />
    </section>
  );
}

function AddPerson({ organisationId, onAdded }: { organisationId: string; onAdded: (p: Person) => void }) {
  const { t, tMessage } = useI18n();
  const empty = { name: "", email: "", role: "", language: "sv" as "sv" | "en", gender: "", ageBand: "" };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const local: Errors = {};
    if (!values.name.trim()) local.name = t("persons.nameRequired");
    if (!EMAIL.test(values.email.trim())) local.email = tMessage("error.email");
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`person-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const person = await ownerApi<Person>("/api/persons", {
        method: "POST",
        body: {
          organisationId,
          name: values.name.trim(),
          email: values.email.trim(),
          role: values.role.trim() || undefined,
          language: values.language,
          gender: values.gender || undefined,
          ageBand: values.ageBand || undefined,
        },
      });
      onAdded(person);
      setValues(empty);
      document.getElementById("person-name")?.focus();
    } catch (e) {
      const fields = apiErrors(e, tMessage);
      if (fields) {
        setErrors(fields);
        document.getElementById(`person-${Object.keys(fields)[0]}`)?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="subform" aria-labelledby="person-add-title">
      <h3 id="person-add-title">{t("persons.addTitle")}</h3>
      <Field id="person-name" label={t("persons.name")} error={errors.name}>
        <input id="person-name" className="input" maxLength={200} autoComplete="off" value={values.name} onChange={(e) => set("name", e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={describe("person-name", false, errors.name)} />
      </Field>
      <Field id="person-email" label={t("persons.email")} error={errors.email}>
        <input id="person-email" type="email" className="input" maxLength={254} autoComplete="off" value={values.email} onChange={(e) => set("email", e.target.value)} aria-invalid={errors.email ? true : undefined} aria-describedby={describe("person-email", false, errors.email)} />
      </Field>
      <Field id="person-role" label={t("persons.role")} hint={t("persons.roleHint")} optional error={errors.role}>
        <input id="person-role" className="input" maxLength={100} autoComplete="off" value={values.role} onChange={(e) => set("role", e.target.value)} aria-describedby={describe("person-role", true, errors.role)} />
      </Field>
      <fieldset className="group">
        <legend>{t("persons.language")}</legend>
        <div className="choices choices-inline">
          {(["sv", "en"] as const).map((l) => (
            <div className="choice" key={l}>
              <input id={`person-language-${l}`} type="radio" name="person-language" checked={values.language === l} onChange={() => set("language", l)} />
              <label htmlFor={`person-language-${l}`}>{t(l === "sv" ? "persons.langSv" : "persons.langEn")}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field-grid">
        <Field id="person-gender" label={t("persons.gender")} optional error={errors.gender}>
          <select id="person-gender" className="input input-select" value={values.gender} onChange={(e) => set("gender", e.target.value)}>
            <option value="">{t("persons.notGiven")}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="person-ageBand" label={t("persons.ageBand")} optional error={errors.ageBand}>
          <select id="person-ageBand" className="input input-select" value={values.ageBand} onChange={(e) => set("ageBand", e.target.value)}>
            <option value="">{t("persons.notGiven")}</option>
            {AGE_BANDS.map((a) => (
              <option key={a} value={a}>
                {t(`ageBand.${a}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="hint">{t("persons.optionalNote")}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button button-secondary" disabled={busy}>
        {busy ? t("persons.adding") : t("persons.add")}
      </button>
    </form>
  );
}

