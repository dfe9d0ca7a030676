import type { Programme } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { useLoad } from "../../../lib/use-load";
import { ownerApi } from "../session";
import { projectQuery, useAccess } from "../access";
import { programmeHref } from "./common";
import { DataTable } from "../components/DataTable";
import { ListPageHead, ListStatus } from "../components/ListPage";

export function ProgrammesPage() {
  const { t, locale } = useI18n();
  const access = useAccess();
  const query = projectQuery(access);
  const { data: items, error, reload } = useLoad(async (signal) => (await ownerApi<{ items: Programme[] }>(`/api/programmes${query}`, { signal })).items, [query], { resetOnChange: true });
  // An analyst reads the programme's released report only.
  const href = (p: Programme) => programmeHref(p.id, access.can("programme-work", p.projectId) ? "" : "/report");

  return (
    <div className="page">
      <ListPageHead title={t("prog.listTitle")} newHref={access.can("manage") ? "/owner/programmes/new" : undefined} newLabel={t("prog.new")} />
      <p className="lead">{t("prog.listIntro")}</p>
      <ListStatus items={items} error={error} reload={reload} none={t("prog.none")} />
      {items && items.length > 0 ? (
        <DataTable
          caption={t("prog.listCaption")}
          captionHidden
          captionId="programmes-caption"
          columns={[
            { key: "name", header: t("prog.colName"), cell: (p) => <Link href={href(p)}>{p.name}</Link> },
            { key: "cycles", header: t("prog.colCycles"), num: true, cell: (p) => p.cycles },
            { key: "orgs", header: t("prog.colOrganisations"), num: true, cell: (p) => p.organisationIds.length },
            { key: "persons", header: t("prog.colPersons"), num: true, cell: (p) => p.personIds.length },
            { key: "facilitator", header: t("prog.colFacilitator"), cell: (p) => p.facilitator.name },
            { key: "created", header: t("prog.colCreated"), cell: (p) => formatDateTime(p.createdAt, locale) },
          ]}
          rows={items}
          rowKey={(p) => p.id}
        />
      ) : null}
    </div>
  );
}
