import { readFileSync } from "node:fs";
import { call, expectOk } from "./seed-http";

/**
 * The demo region's education supply and Yrkesbarometern, imported THROUGH THE HTTP API from the
 * fixture files in data/supply (see its README): a CSV following the template, Skolverket's
 * planned educations (metalworking programmes, so one SUN field for the file), a Susa-navet export
 * and Yrkesbarometer's assessments for Östergötland. The released demo round's gap and shortage
 * pages then have offerings and a national assessment to show.
 */
const fixture = (name: string) => readFileSync(new URL(`./data/supply/${name}`, import.meta.url), "utf8");

export async function seedSupply(opts: { baseUrl: string; token: string; log: (line: string) => void }): Promise<void> {
  const { baseUrl, token, log } = opts;
  const imported: number[] = [];
  const offerings = (query: string, init: { csv?: string; json?: unknown }) =>
    expectOk<{ imported: number }>(`import offerings (${query})`, call(baseUrl, "POST", `/api/education-offerings/import?${query}`, { token, ...init }));
  imported.push((await offerings("format=csv", { csv: fixture("offerings.csv") })).imported);
  imported.push((await offerings("format=skolverket&sunField=521&places=18", { json: JSON.parse(fixture("skolverket-adult-education-v3.json")) })).imported);
  imported.push((await offerings("format=susa", { json: JSON.parse(fixture("susa-navet-export.json")) })).imported);
  const yb = await expectOk<{ imported: number }>("import Yrkesbarometer", call(baseUrl, "POST", "/api/yrkesbarometer/import", { token, json: JSON.parse(fixture("yrkesbarometer.json")) }));
  log(`education supply: ${imported.reduce((s, n) => s + n, 0)} offerings (CSV, Skolverket, Susa-navet), ${yb.imported} Yrkesbarometer assessments`);
}
