import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { LIMITS } from "../../../../../shared/schemas/common";
import { CreateProjectRequest, PROJECT_KINDS, type Project } from "../../../../../shared/schemas/project";
import { Field } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { useProjectTexts } from "../access";
import { DataTable } from "../components/DataTable";
import { ListStatus } from "../components/ListPage";
import { ownerApi } from "../session";

export const projectHref = (id: string) => `/owner/projects/${encodeURIComponent(id)}`;

/** The region's projects (GET /api/projects) and a form that creates one (POST /api/projects); region admins only. */
export function ProjectsPage() {
  const { locale } = useI18n();
  const pt = useProjectTexts();
  const { data: items, error, reload } = useLoad(async (signal) => {
    const r = await ownerApi<{ items: Project[] }>("/api/projects", { signal });
    return [...r.items].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  }, []);

  return (
    <div className="page">
      <PageTitle>{pt("proj.title")}</PageTitle>
      <p className="lead">{pt("proj.intro")}</p>
      <ListStatus items={items} error={error} reload={reload} none={pt("proj.none")} />
      {items && items.length > 0 ? (
        <DataTable
          caption={pt("proj.caption")}
          captionHidden
          captionId="projects-caption"
          columns={[
            { key: "name", header: pt("proj.colName"), cell: (p) => <Link href={projectHref(p.id)}>{p.name}</Link> },
            { key: "kind", header: pt("proj.colKind"), cell: (p) => pt(`proj.kind.${p.kind}`) },
            { key: "created", header: pt("proj.colCreated"), cell: (p) => formatDateTime(p.createdAt, locale) },
          ]}
          rows={items}
          rowKey={(p) => p.id}
        />
      ) : null}
      <CreateProject onCreated={() => void reload()} />
    </div>
  );
}

type ProjectForm = { name: string; kind: Project["kind"]; description?: string };
const resolver = zodResolver(CreateProjectRequest);

function CreateProject({ onCreated }: { onCreated: () => void }) {
  const { tMessage } = useI18n();
  const pt = useProjectTexts();
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<ProjectForm>({ defaultValues: { name: "", kind: "industry-centre", description: "" }, resolver });
  const [created, setCreated] = useState<Project | null>(null);
  const [error, setError] = useState<unknown>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  // The API checks the same CreateProjectRequest and answers 400 with issues of the same shape.
  const submit = handleSubmit(async (values) => {
    setError(null);
    setCreated(null);
    try {
      const project = await ownerApi<Project>("/api/projects", { method: "POST", body: { ...values, description: values.description?.trim() ? values.description : undefined } });
      setCreated(project);
      reset();
      onCreated();
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length) {
        for (const i of e.issues) {
          const field = i.path.split(".")[0] as keyof ProjectForm;
          if (field === "name" || field === "kind" || field === "description") setFieldError(field, { message: i.message }, { shouldFocus: true });
          else setError(e);
        }
      } else setError(e);
    }
  });

  // The schema's "required" is worded for a question; a missing name gets the form's own words.
  const message = (key: keyof ProjectForm) => {
    const m = errors[key]?.message;
    return !m ? undefined : key === "name" && m === "error.required" ? pt("proj.nameRequired") : tMessage(m);
  };
  const describedBy = (key: keyof ProjectForm, hint = false) => [hint ? `project-${key}-hint` : "", errors[key] ? `project-${key}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <section className="card" aria-labelledby="create-project-title">
      <h2 id="create-project-title">{pt("proj.createTitle")}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="project-name" label={pt("proj.name")} error={message("name")}>
          <input id="project-name" className="input" maxLength={LIMITS.name} {...register("name")} aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy("name")} />
        </Field>
        <Field id="project-kind" label={pt("proj.kind")} error={message("kind")}>
          <select id="project-kind" className="input input-select" {...register("kind")} aria-invalid={errors.kind ? true : undefined} aria-describedby={describedBy("kind")}>
            {PROJECT_KINDS.map((k) => (
              <option key={k} value={k}>
                {pt(`proj.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="project-description" label={pt("proj.description")} hint={pt("proj.descriptionHint")} optional error={message("description")}>
          <textarea
            id="project-description"
            className="input input-textarea"
            rows={3}
            maxLength={LIMITS.text}
            {...register("description")}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy("description", true)}
          />
        </Field>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? pt("proj.creating") : pt("proj.create")}
        </button>
      </form>
      <div role="status" ref={statusRef} tabIndex={-1}>
        {created ? (
          <p className="notice notice-success">
            {pt("proj.created", { name: created.name })} <Link href={projectHref(created.id)}>{created.name}</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
