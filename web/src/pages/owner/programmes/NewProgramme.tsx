import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { Organisation, Person, Programme, ProgrammeTarget } from "../../../../../shared/schemas";
import { DEFAULT_PROGRAMME_TARGETS } from "../../../../../shared/instruments/follow-up-v1";
import { useI18n, type MessageKey } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { Link, navigate } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { ownerApi } from "../session";
import { useAccess } from "../access";
import { FieldErrorSummary, FieldError, programmeHref, type FieldErrors } from "./common";
import { Field } from "../../../components/Field";
import { WizardPart } from "../components/WizardPart";

const MAX_SHOWN = 100;

/**
 * A new learning programme: name and description, the cohort (organisations chosen from the
 * registry by search and checkboxes, then their persons), the number of cycles and the targets
 * with their shares (the default targets, DEFAULT_PROGRAMME_TARGETS, prefilled).
 */
export function NewProgrammePage() {
  const { t, tMessage, lang } = useI18n();
  const { project } = useAccess();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [cycles, setCycles] = useState("4");
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  const [orgError, setOrgError] = useState<unknown>(null);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [persons, setPersons] = useState<Record<string, Person[]>>({});
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const [shares, setShares] = useState<string[]>(() => DEFAULT_PROGRAMME_TARGETS.map((tg) => String(Math.round(tg.share * 100))));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ownerApi<{ items: Organisation[] }>("/api/organisations").then((r) => setOrgs(r.items), setOrgError);
  }, []);

  // The persons of each chosen organisation, loaded once.
  useEffect(() => {
    for (const id of selected) {
      if (persons[id]) continue;
      ownerApi<{ items: Person[] }>(`/api/organisations/${encodeURIComponent(id)}/persons`).then(
        (r) => setPersons((p) => ({ ...p, [id]: r.items })),
        setOrgError,
      );
    }
  }, [selected, persons]);

  const matches = useMemo(() => {
    const q = query.trim().toLocaleLowerCase("sv");
    const digits = q.replace(/[\s-]/g, "");
    const all = orgs ?? [];
    return q ? all.filter((o) => o.name.toLocaleLowerCase("sv").includes(q) || (digits && o.id.startsWith(digits))) : all;
  }, [orgs, query]);
  const orgName = (id: string) => orgs?.find((o) => o.id === id)?.name ?? id;
  const personIds = selected.flatMap((o) => (persons[o] ?? []).map((p) => p.id)).filter((p) => !excluded.has(p));

  const idOf = (key: string) => `prog-${key.replace(/\./g, "-")}`;
  const labelOf = (key: string) => {
    if (key.startsWith("target.")) return t("prog.targetShareOf", { n: Number(key.split(".")[1]) + 1 });
    return t(({ name: "prog.name", description: "prog.description", cycles: "prog.cycles", orgs: "prog.orgs", persons: "prog.persons" } as Record<string, MessageKey>)[key] ?? "prog.name");
  };

  function toErrors(issues: { path: string; message: string }[]): FieldErrors {
    const out: FieldErrors = {};
    for (const issue of issues) {
      const [head, i, field] = issue.path.split(".");
      let key = head;
      if (head === "organisationIds") key = "orgs";
      else if (head === "personIds") key = "persons";
      else if (head === "targets") key = i !== undefined && /^\d+$/.test(i) && (!field || field === "share") ? `target.${i}` : "target.0";
      out[key] ??= tMessage(issue.message);
    }
    return out;
  }

  function check(): { path: string; message: string }[] {
    const issues: { path: string; message: string }[] = [];
    if (!name.trim()) issues.push({ path: "name", message: "error.required" });
    const n = Number(cycles);
    if (!/^\d+$/.test(cycles.trim()) || n < 1 || n > 8) issues.push({ path: "cycles", message: "prog.error.cycles" });
    if (!selected.length) issues.push({ path: "organisationIds", message: "prog.error.orgs" });
    else if (!personIds.length) issues.push({ path: "personIds", message: "prog.error.persons" });
    shares.forEach((s, i) => {
      const v = Number(s.replace(",", "."));
      if (!s.trim() || Number.isNaN(v) || v <= 0 || v > 100) issues.push({ path: `targets.${i}.share`, message: "prog.error.share" });
    });
    return issues;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const local = check();
    if (local.length) {
      setErrors(toErrors(local));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    const targets: ProgrammeTarget[] = DEFAULT_PROGRAMME_TARGETS.map((tg, i) => ({ ...tg, share: Number(shares[i].replace(",", ".")) / 100 }));
    try {
      const p = await ownerApi<Programme>("/api/programmes", {
        method: "POST",
        body: { name: name.trim(), description: description.trim() || undefined, cycles: Number(cycles), organisationIds: selected, personIds, targets, projectId: project?.id },
      });
      navigate(programmeHref(p.id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        setErrors(toErrors(e.issues));
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setError(e);
      setBusy(false);
    }
  }

  function toggleOrg(id: string, on: boolean) {
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  }
  function togglePerson(id: string, on: boolean) {
    setExcluded((ex) => {
      const next = new Set(ex);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });
  }
  const describedBy = (key: string, hint = false) => [hint ? `${idOf(key)}-hint` : "", errors[key] ? `${idOf(key)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const shown = matches.slice(0, MAX_SHOWN);

  return (
    <div className="page wizard">
      <p className="back-link">
        <Link href="/owner/programmes">{t("prog.backToList")}</Link>
      </p>
      <PageTitle>{t("prog.newTitle")}</PageTitle>
      <p className="lead">{t("prog.newIntro")}</p>
      <FieldErrorSummary errors={errors} labels={labelOf} idOf={idOf} summaryRef={summaryRef} />
      <form noValidate onSubmit={submit}>
        <WizardPart id="prog-part-1" n={1} title={t("prog.partProgramme")}>
          <Field id={idOf("name")} label={t("prog.name")} error={errors.name}>
            <input id={idOf("name")} className="input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy("name")} />
          </Field>
          <Field
            id={idOf("description")}
            label={t("prog.description")}
            labelSuffix={
              <>
                {" "}
                <span className="optional">{t("prog.optional")}</span>
              </>
            }
            error={errors.description}
          >
            <textarea id={idOf("description")} className="input input-textarea" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} aria-describedby={describedBy("description")} />
          </Field>
          <Field id={idOf("cycles")} label={t("prog.cycles")} hint={t("prog.cycleCountHint")} error={errors.cycles}>
            <input
              id={idOf("cycles")}
              className="input input-number"
              inputMode="numeric"
              value={cycles}
              onChange={(e) => setCycles(e.target.value)}
              aria-invalid={errors.cycles ? true : undefined}
              aria-describedby={describedBy("cycles", true)}
            />
          </Field>
        </WizardPart>

        <WizardPart id="prog-part-2" n={2} title={t("prog.partCohort")}>
          <p className="hint">{t("prog.cohortHint")}</p>
          {orgError ? <ErrorMessage error={orgError} /> : null}
          <Field id="prog-org-search" label={t("prog.orgSearch")} hint={t("prog.orgSearchHint")}>
            <input id="prog-org-search" type="search" className="input" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby="prog-org-search-hint prog-org-count" autoComplete="off" />
          </Field>
          <p id="prog-org-count" className="hint" role="status">
            {orgs ? t("prog.orgMatches", { shown: shown.length, total: matches.length, selected: selected.length }) : ""}
          </p>
          {!orgs && !orgError ? <Loading /> : null}
          <fieldset className={errors.orgs ? "group has-error" : "group"} aria-describedby={errors.orgs ? `${idOf("orgs")}-error` : undefined}>
            <legend>{t("prog.orgs")}</legend>
            <FieldError id={`${idOf("orgs")}-error`} message={errors.orgs} />
            {orgs && orgs.length === 0 ? <p>{t("prog.noOrgs")}</p> : null}
            <div className="checklist">
              {shown.map((o, i) => (
                <div className="choice" key={o.id}>
                  <input id={i === 0 ? idOf("orgs") : `prog-org-${o.id}`} type="checkbox" checked={selected.includes(o.id)} onChange={(e) => toggleOrg(o.id, e.target.checked)} />
                  <label htmlFor={i === 0 ? idOf("orgs") : `prog-org-${o.id}`}>
                    {o.name} <span className="hint-inline">{o.id.replace(/^(\d{6})(\d{4})$/, "$1-$2")}</span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {selected.length ? (
            <fieldset className={errors.persons ? "group has-error" : "group"} aria-describedby={errors.persons ? `${idOf("persons")}-error` : "prog-persons-hint"}>
              <legend>{t("prog.persons")}</legend>
              <p className="hint" id="prog-persons-hint">
                {t("prog.personsHint", { n: personIds.length })}
              </p>
              <FieldError id={`${idOf("persons")}-error`} message={errors.persons} />
              {selected.map((orgId, oi) => (
                <div className="person-group" key={orgId}>
                  <p className="person-group-title">{orgName(orgId)}</p>
                  {!persons[orgId] ? <Loading /> : null}
                  {persons[orgId]?.length === 0 ? <p className="hint">{t("prog.noPersons")}</p> : null}
                  {(persons[orgId] ?? []).map((p, pi) => {
                    const inputId = oi === 0 && pi === 0 ? idOf("persons") : `prog-person-${p.id}`;
                    return (
                      <div className="choice" key={p.id}>
                        <input id={inputId} type="checkbox" checked={!excluded.has(p.id)} onChange={(e) => togglePerson(p.id, e.target.checked)} />
                        <label htmlFor={inputId}>
                          {p.name} <span className="hint-inline">{p.email}</span>
                        </label>
                      </div>
                    );
                  })}
                </div>
              ))}
            </fieldset>
          ) : null}
        </WizardPart>

        <WizardPart id="prog-part-3" n={3} title={t("prog.partTargets")}>
          <p className="hint">{t("prog.targetsHint")}</p>
          {DEFAULT_PROGRAMME_TARGETS.map((tg, i) => {
            const key = `target.${i}`;
            return (
              <Field
                key={tg.id}
                id={idOf(key)}
                label={t("prog.targetShareOf", { n: i + 1 })}
                hint={
                  <>
                    {tg.label[lang]} ({t(`prog.population.${tg.population}` as MessageKey)})
                  </>
                }
                error={errors[key]}
              >
                <div className="input-with-unit">
                  <input
                    id={idOf(key)}
                    className="input input-number"
                    inputMode="numeric"
                    value={shares[i]}
                    onChange={(e) => setShares((s) => s.map((v, j) => (j === i ? e.target.value : v)))}
                    aria-invalid={errors[key] ? true : undefined}
                    aria-describedby={describedBy(key, true)}
                  />
                  <span className="unit">%</span>
                </div>
              </Field>
            );
          })}
        </WizardPart>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="wizard-submit">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("prog.creating") : t("prog.create")}
          </button>
        </div>
      </form>
    </div>
  );
}
