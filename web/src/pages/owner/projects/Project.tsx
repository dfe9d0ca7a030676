import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { PROJECT_ROLES, SetMemberRequest, type ProjectMember, type ProjectRole, type ProjectWithMembers } from "../../../../../shared/schemas/project";
import { Field } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import { ApiError } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { useProjectTexts } from "../access";
import { DataTable } from "../components/DataTable";
import { ownerApi } from "../session";

/** One project and its members (GET /api/projects/{id}); a region admin adds members, changes their roles and removes them. */
export function ProjectPage({ id }: { id: string }) {
  const { locale } = useI18n();
  const pt = useProjectTexts();
  const url = `/api/projects/${encodeURIComponent(id)}`;
  const { data: project, error, reload, setData } = useLoad((signal) => ownerApi<ProjectWithMembers>(url, { signal }), [url], { background: true });
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<ProjectMember | null>(null);
  const [busy, setBusy] = useState(false);
  const [roles, setRoles] = useState<Record<string, ProjectRole>>({});
  const titleId = useId();
  const noticeRef = useRef<HTMLDivElement>(null);

  const roleName = (r: ProjectRole) => pt(`role.${r}`);
  const announce = (text: string) => {
    setNotice(text);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  async function setRole(member: ProjectMember) {
    const role = roles[member.id] ?? member.role;
    setActionError(null);
    setBusy(true);
    try {
      await ownerApi<ProjectMember>(`${url}/members`, { method: "PUT", body: { email: member.email, role } });
      setRoles(({ [member.id]: _, ...rest }) => rest);
      await reload();
      announce(pt("proj.roleChanged", { email: member.email, role: roleName(role) }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(member: ProjectMember) {
    setActionError(null);
    setBusy(true);
    try {
      await ownerApi(`${url}/members/${encodeURIComponent(member.id)}`, { method: "DELETE" });
      setRemoving(null);
      setData((p) => (p ? { ...p, members: p.members.filter((m) => m.id !== member.id) } : p));
      announce(pt("proj.removed", { email: member.email }));
      void reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  function cancelRemove(member: ProjectMember) {
    setRemoving(null);
    requestAnimationFrame(() => document.getElementById(`remove-${member.id}`)?.focus());
  }

  if (!project && error instanceof ApiError && error.status === 404)
    return (
      <div className="page">
        <PageTitle>{pt("proj.title")}</PageTitle>
        <p>{pt("proj.notFound")}</p>
        <Link href="/owner/projects">{pt("proj.backToList")}</Link>
      </div>
    );
  if (!project) return <div className="page">{error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : <Loading />}</div>;

  return (
    <div className="page">
      <p className="back-link">
        <Link href="/owner/projects">{pt("proj.backToList")}</Link>
      </p>
      <PageTitle>{project.name}</PageTitle>
      <p className="lead">
        {pt(`proj.kind.${project.kind}`)}
        {project.description ? ` · ${project.description}` : ""}
      </p>
      {error ? <ErrorMessage error={error} /> : null}

      <h2 id="members-title">{pt("proj.membersTitle")}</h2>
      <p className="hint">{pt("proj.rolesHelp")}</p>
      <DataTable
        caption={pt("proj.membersCaption")}
        captionHidden
        captionId="members-caption"
        columns={[
          { key: "email", header: pt("proj.colEmail"), cell: (m) => <span className="break">{m.email}</span> },
          {
            key: "role",
            header: pt("proj.colRole"),
            cell: (m) => (
              <div className="inline-row">
                <select
                  id={`role-${m.id}`}
                  className="input input-select"
                  aria-label={pt("proj.roleFor", { email: m.email })}
                  value={roles[m.id] ?? m.role}
                  onChange={(e) => setRoles((r) => ({ ...r, [m.id]: e.target.value as ProjectRole }))}
                >
                  {PROJECT_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleName(r)}
                    </option>
                  ))}
                </select>
                {roles[m.id] && roles[m.id] !== m.role ? (
                  <button type="button" className="button button-small button-secondary" onClick={() => void setRole(m)} disabled={busy}>
                    {pt("proj.saveRole")}
                  </button>
                ) : null}
              </div>
            ),
          },
          { key: "added", header: pt("proj.colAdded"), cell: (m) => formatDateTime(m.addedAt, locale) },
          {
            key: "actions",
            header: pt("proj.colActions"),
            cell: (m) => (
              <button
                type="button"
                id={`remove-${m.id}`}
                className="button button-small button-warning"
                aria-label={pt("proj.removeLabel", { email: m.email })}
                onClick={() => setRemoving(m)}
                disabled={busy}
              >
                {pt("proj.remove")}
              </button>
            ),
          },
        ]}
        rows={project.members}
        rowKey={(m) => m.id}
        empty={pt("proj.membersNone")}
      />
      {removing ? (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-text`}>
          <h3 id={titleId}>{pt("proj.confirmTitle", { email: removing.email })}</h3>
          <p id={`${titleId}-text`}>{pt("proj.confirmText")}</p>
          <div className="button-row">
            <button type="button" className="button button-warning" onClick={() => void remove(removing)} disabled={busy} autoFocus>
              {pt("proj.confirm")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => cancelRemove(removing)} disabled={busy}>
              {pt("proj.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" ref={noticeRef} tabIndex={-1}>
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <AddMember url={url} onAdded={(text) => void reload().then(() => announce(text))} />
    </div>
  );
}

const memberResolver = zodResolver(SetMemberRequest);

/** PUT /api/projects/{id}/members with the shared SetMemberRequest: adds the person, or changes the role of one already there. */
function AddMember({ url, onAdded }: { url: string; onAdded: (text: string) => void }) {
  const { tMessage } = useI18n();
  const pt = useProjectTexts();
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<SetMemberRequest>({ defaultValues: { email: "", role: "project-owner" }, resolver: memberResolver });
  const [error, setError] = useState<unknown>(null);

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const member = await ownerApi<ProjectMember>(`${url}/members`, { method: "PUT", body: values });
      reset({ email: "", role: values.role });
      onAdded(pt("proj.added", { email: member.email, role: pt(`role.${member.role}`) }));
    } catch (e) {
      const issue = e instanceof ApiError && e.status === 400 ? e.issues.find((i) => i.path === "email" || i.path === "role") : undefined;
      if (issue) setFieldError(issue.path as "email" | "role", { message: issue.message }, { shouldFocus: true });
      else setError(e);
    }
  });

  const message = (key: "email" | "role") => (errors[key]?.message ? tMessage(errors[key]?.message) : undefined);
  return (
    <section className="card" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{pt("proj.addTitle")}</h2>
      <p className="hint" id="add-member-hint">
        {pt("proj.addHint")}
      </p>
      <form noValidate onSubmit={submit}>
        <Field id="member-email" label={pt("proj.email")} error={message("email")}>
          <input
            id="member-email"
            type="email"
            className="input"
            autoComplete="off"
            {...register("email")}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "add-member-hint member-email-error" : "add-member-hint"}
          />
        </Field>
        <Field id="member-role" label={pt("proj.role")} error={message("role")}>
          <select id="member-role" className="input input-select" {...register("role")} aria-describedby={errors.role ? "member-role-error" : undefined}>
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {pt(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? pt("proj.adding") : pt("proj.add")}
        </button>
      </form>
    </section>
  );
}
