import { useState, type FormEvent } from "react";
import type { AuditEntry, AuditLogView } from "../../../../../shared/schemas/audit";
import type { Project } from "../../../../../shared/schemas/project";
import { registerTexts, useI18n } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { DataTable } from "../components/DataTable";
import { AUDIT_TEXTS } from "./audit-texts";

registerTexts(AUDIT_TEXTS);
type Key = keyof typeof AUDIT_TEXTS.sv;

/** The audit log of owner actions, a month at a time (GET /api/audit-log). */
export function AuditLogPage() {
  const { tMessage, locale } = useI18n();
  const t = (key: Key, vars?: Record<string, string | number>) => tMessage(key, vars);
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [draft, setDraft] = useState(month);
  const { data, error, reload } = useLoad((signal) => ownerApi<AuditLogView>(`/api/audit-log?month=${encodeURIComponent(month)}`, { signal }), [month]);
  // The entries name their project by id; the region's projects give the names (an id stays if one is missing).
  const { data: projects } = useLoad(async (signal) => new Map((await ownerApi<{ items: Project[] }>("/api/projects", { signal })).items.map((p) => [p.id, p.name])), []);

  const show = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{4}-\d{2}$/.test(draft)) setMonth(draft);
  };
  const target = (e: AuditEntry) =>
    Object.entries(e.target)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "–";

  return (
    <div className="page audit-log">
      <PageTitle title={t("audit.title")}>{t("audit.title")}</PageTitle>
      <p className="lead">{t("audit.intro")}</p>
      <form className="field field-inline" onSubmit={show}>
        <label htmlFor="audit-month">{t("audit.month")}</label>
        <input id="audit-month" className="input" type="month" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button button-secondary button-small">
          {t("audit.show")}
        </button>
      </form>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p role="status">{t("audit.none")}</p> : null}
      {data && data.items.length > 0 ? (
        <DataTable
          caption={t("audit.caption", { month: data.month })}
          columns={[
            { key: "at", header: t("audit.colTime"), cell: (e) => formatDateTime(e.at, locale) },
            { key: "who", header: t("audit.colWho"), cell: (e) => <span className="break">{e.actor.email}</span> },
            { key: "action", header: t("audit.colAction"), cell: (e) => <code>{e.action}</code> },
            { key: "target", header: t("audit.colTarget"), cell: (e) => <span className="break">{target(e)}</span> },
            { key: "project", header: t("audit.colProject"), cell: (e) => (e.projectId ? <span className="break">{projects?.get(e.projectId) ?? e.projectId}</span> : "–") },
            { key: "status", header: t("audit.colStatus"), num: true, cell: (e) => e.status },
          ]}
          rows={data.items}
          rowKey={(e) => `${e.at}#${e.requestId}#${e.action}`}
        />
      ) : null}
    </div>
  );
}
