import type { Round, RoundStatus } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { projectQuery, useAccess } from "../access";
import { DataTable } from "../components/DataTable";
import { ListPageHead, ListStatus } from "../components/ListPage";

export function StatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}

export function RoundsPage() {
  const { t, locale } = useI18n();
  const access = useAccess();
  const query = projectQuery(access);
  const { data: items, error, reload } = useLoad(
    async (signal) => {
      const r = await ownerApi<{ items: Round[] }>(`/api/rounds${query}`, { signal });
      return [...r.items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    },
    [query],
    { resetOnChange: true },
  );
  // A survey round's page is its owner's, a programme's round's also its facilitator's; anyone else reads its results.
  const mayWork = (r: Round) => access.can(r.programmeId ? "programme-work" : "manage", r.projectId);
  const href = (r: Round) => `/owner/rounds/${encodeURIComponent(r.id)}${mayWork(r) ? "" : "/results"}`;

  return (
    <div className="page">
      <ListPageHead title={t("rounds.title")} newHref={access.can("manage") ? "/owner/rounds/new" : undefined} newLabel={t("rounds.new")} />
      <ListStatus items={items} error={error} reload={reload} none={t("rounds.none")} />
      {items && items.length > 0 ? (
        <DataTable
          caption={t("rounds.caption")}
          captionHidden
          columns={[
            { key: "name", header: t("rounds.colName"), cell: (r) => <Link href={href(r)}>{r.name}</Link> },
            { key: "status", header: t("rounds.colStatus"), cell: (r) => <StatusBadge status={r.status} /> },
            { key: "opens", header: t("rounds.colOpens"), cell: (r) => formatDateTime(r.opensAt, locale) },
            { key: "closes", header: t("rounds.colCloses"), cell: (r) => formatDateTime(r.closesAt, locale) },
            { key: "invited", header: t("rounds.colInvited"), num: true, cell: (r) => r.invitedCount ?? 0 },
            { key: "submitted", header: t("rounds.colSubmitted"), num: true, cell: (r) => r.submittedCount ?? 0 },
          ]}
          rows={items}
          rowKey={(r) => r.id}
          wrapper="wrap"
        />
      ) : null}
    </div>
  );
}
