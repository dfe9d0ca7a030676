import type { Round, RoundStatus } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { DataTable } from "../components/DataTable";
import { ListPageHead, ListStatus } from "../components/ListPage";

export function StatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}

export function RoundsPage() {
  const { t, locale } = useI18n();
  const { data: items, error, reload } = useLoad(async () => {
    const r = await ownerApi<{ items: Round[] }>("/api/rounds");
    return [...r.items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }, []);

  return (
    <div className="page">
      <ListPageHead title={t("rounds.title")} newHref="/owner/rounds/new" newLabel={t("rounds.new")} />
      <ListStatus items={items} error={error} reload={reload} none={t("rounds.none")} />
      {items && items.length > 0 ? (
        <DataTable
          caption={t("rounds.caption")}
          captionHidden
          columns={[
            { key: "name", header: t("rounds.colName"), cell: (r) => <Link href={`/owner/rounds/${encodeURIComponent(r.id)}`}>{r.name}</Link> },
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
