import type { Programme } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { programmeHref } from "./common";

export function ProgrammesPage() {
  const { t, locale } = useI18n();
  const { data: items, error, reload } = useLoad(async () => (await ownerApi<{ items: Programme[] }>("/api/programmes")).items, []);

  return (
    <div className="page">
      <div className="page-head">
        <PageTitle>{t("prog.listTitle")}</PageTitle>
        <Link href="/owner/programmes/new" className="button button-primary">
          {t("prog.new")}
        </Link>
      </div>
      <p className="lead">{t("prog.listIntro")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t("prog.none")}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="programmes-caption">
          <table>
            <caption id="programmes-caption" className="visually-hidden">
              {t("prog.listCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("prog.colName")}</th>
                <th scope="col" className="num">
                  {t("prog.colCycles")}
                </th>
                <th scope="col" className="num">
                  {t("prog.colOrganisations")}
                </th>
                <th scope="col" className="num">
                  {t("prog.colPersons")}
                </th>
                <th scope="col">{t("prog.colFacilitator")}</th>
                <th scope="col">{t("prog.colCreated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={programmeHref(p.id)}>{p.name}</Link>
                  </th>
                  <td className="num">{p.cycles}</td>
                  <td className="num">{p.organisationIds.length}</td>
                  <td className="num">{p.personIds.length}</td>
                  <td>{p.facilitator.name}</td>
                  <td>{formatDateTime(p.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
