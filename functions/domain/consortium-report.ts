import { UNWEIGHTED_NOTE } from "../../shared/schemas";
import { NotFoundError } from "../../shared/errors";
import { consortiumPicture, type ConsortiumDeps } from "./consortium";
import { parseReportLanguage, reportXlsxBytes } from "./xlsx-report";

const BREAKDOWN = {
  region: { sv: "per region", en: "by region" },
  section: { sv: "per SNI-avdelning", en: "by SNI section" },
  industry: { sv: "per SNI-huvudgrupp", en: "by SNI division" },
} as const;

/** The consortium's merged picture of one breakdown as XLSX, with what it merged and left out explained. */
export async function consortiumXlsx(deps: ConsortiumDeps, by: string | undefined, lang: string | undefined): Promise<Buffer> {
  const language = parseReportLanguage(lang);
  const view = await consortiumPicture(deps, by);
  if (view.regions.length === 0) throw new NotFoundError("No member region has published an export yet.");
  const regions = view.regions.map((r) => `${r.name} (${r.round.title}, publicering ${r.release.number})`).join("; ");
  const regionsEn = view.regions.map((r) => `${r.name} (${r.round.title}, release ${r.release.number})`).join("; ");
  const cutoff = view.regions.map((r) => r.release.cutoff).sort().at(-1)!;
  const rules = deps.rules ?? { k: 5, p: 10 };
  return reportXlsxBytes({
    language,
    title: { sv: `${view.name}, ${BREAKDOWN[view.by].sv}`, en: `${view.name}, ${BREAKDOWN[view.by].en}` },
    source: { sv: `${view.name}: ${regions}`, en: `${view.name}: ${regionsEn}` },
    release: { number: Math.max(...view.regions.map((r) => r.release.number)), kind: "final", cutoff, createdAt: cutoff, responding: view.responses, invited: view.invited, unit: "organisation", rules },
    note: UNWEIGHTED_NOTE,
    tables: view.tables,
    explanations: [
      {
        sv: "Sammanslagen bild: varje värde är summan av de värden regionerna själva har publicerat. Där någon regions del är skyddad är summan också skyddad.",
        en: "Merged picture: every value is the sum of the values the regions have published themselves. Where any region's part is suppressed, the sum is suppressed too.",
      },
      ...(view.leftOut.length
        ? [
            {
              sv: `Inte sammanslaget (ställdes inte av alla regioner): ${view.leftOut.map((q) => q.text?.sv ?? q.question).join("; ")}.`,
              en: `Not merged (not asked by every region): ${view.leftOut.map((q) => q.text?.en ?? q.question).join("; ")}.`,
            },
          ]
        : []),
    ],
    created: deps.clock?.() ?? new Date(),
  });
}
