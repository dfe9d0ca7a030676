import type { EducationOffering } from "../../../../../shared/supply/schemas";
import { useI18n } from "../../../i18n";
import { formatNumber } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { PageTitle } from "../../../lib/ui";
import { useLoad } from "../../../lib/use-load";
import { saveBlob } from "../../../lib/download";
import { useAccess } from "../access";
import { DataTable } from "../components/DataTable";
import { ListStatus } from "../components/ListPage";
import { codeAndName, useLookups } from "../lookups";
import { ownerApi, ownerBlob } from "../session";
import { useSupplyTexts } from "./texts";
import { OfferingImport, YrkesbarometerImport } from "./OfferingImport";

export const offeringHref = (id: string) => `/owner/supply/${encodeURIComponent(id)}`;

/** The region's education offerings (GET /api/education-offerings), their import and the Yrkesbarometer import. */
export function OfferingsPage() {
  const st = useSupplyTexts();
  const { locale } = useI18n();
  const lookups = useLookups();
  const { registry } = useAccess();
  const { data: items, error, reload } = useLoad(async (signal) => (await ownerApi<{ items: EducationOffering[] }>("/api/education-offerings", { signal })).items, []);

  async function downloadTemplate() {
    const { blob, filename } = await ownerBlob("/api/education-offerings/template.csv", { contentType: "text/csv" });
    saveBlob(blob, filename ?? "utbildningsutbud-mall.csv");
  }

  return (
    <div className="page">
      <PageTitle>{st("sup.title")}</PageTitle>
      <p className="lead">{st("sup.intro")}</p>
      {registry ? (
        <p>
          <Link href="/owner/supply/new" className="button button-primary">
            {st("sup.add")}
          </Link>
        </p>
      ) : null}
      <ListStatus items={items} error={error} reload={reload} none={st("sup.none")} />
      {items && items.length > 0 ? (
        <>
          <p role="status" className="result-count">
            {st("sup.count", { n: items.length })}
          </p>
          <DataTable
            caption={st("sup.caption")}
            captionHidden
            captionId="offerings-caption"
            columns={[
              {
                key: "title",
                header: st("sup.colTitle"),
                cell: (o) => (
                  <>
                    {registry ? <Link href={offeringHref(o.id)} aria-label={st("sup.edit", { title: o.title })}>{o.title}</Link> : o.title}
                    <span className="cell-sub">{o.provider}</span>
                  </>
                ),
              },
              { key: "kind", header: st("sup.colKind"), cell: (o) => st(`sup.kind.${o.kind}`) },
              { key: "field", header: st("sup.colField"), cell: (o) => <code>{o.sunField}</code> },
              { key: "level", header: st("sup.colLevel"), cell: (o) => <code>{o.sunLevel}</code> },
              { key: "form", header: st("sup.colForm"), cell: (o) => st(`sup.form.${o.form}`) },
              { key: "place", header: st("sup.colPlace"), cell: (o) => codeAndName(o.municipality, lookups?.municipalityName(o.municipality)) },
              { key: "start", header: st("sup.colStart"), cellClass: "nowrap", cell: (o) => o.startDate },
              { key: "places", header: st("sup.colPlaces"), num: true, cell: (o) => formatNumber(o.places, locale, 0) },
            ]}
            rows={items}
            rowKey={(o) => o.id}
          />
        </>
      ) : null}
      {registry ? (
        <>
          <OfferingImport onImported={() => void reload()} onTemplate={() => void downloadTemplate()} />
          <YrkesbarometerImport />
        </>
      ) : null}
    </div>
  );
}
