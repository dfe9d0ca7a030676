import type { Round, RoundStatus } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";

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
      <div className="page-head">
        <PageTitle>{t("rounds.title")}</PageTitle>
        <Link href="/owner/rounds/new" className="button button-primary">
          {t("rounds.new")}
        </Link>
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t("rounds.none")}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("rounds.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rounds.colName")}</th>
                <th scope="col">{t("rounds.colStatus")}</th>
                <th scope="col">{t("rounds.colOpens")}</th>
                <th scope="col">{t("rounds.colCloses")}</th>
                <th scope="col" className="num">
                  {t("rounds.colInvited")}
                </th>
                <th scope="col" className="num">
                  {t("rounds.colSubmitted")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link href={`/owner/rounds/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                  </th>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{formatDateTime(r.opensAt, locale)}</td>
                  <td>{formatDateTime(r.closesAt, locale)}</td>
                  <td className="num">{r.invitedCount ?? 0}</td>
                  <td className="num">{r.submittedCount ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
