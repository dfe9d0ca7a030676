import { UnsupportedMediaTypeError } from "../../shared/errors";
import { createOffering, getOffering, listAssessments, listOfferings, offeringsTemplateCsv, updateOffering } from "../domain/education-supply";
import { importOfferings, importYrkesbarometer } from "../domain/offering-import";
import { roundShortage, roundSupplyGap } from "../domain/supply-views";
import { csv, header, json, jsonBody, MAX_CSV_BODY_BYTES, rawBodyBytes, type ApiEvent, type OwnerRoute } from "./http";
import type { RouteKeyOf } from "./routes";

/** The education-supply and shortage routes of the owner API (issue 10, items 3 and 4). */
type SupplyRouteKey = Extract<
  RouteKeyOf<"owner">,
  `${string} /api/education-offerings${string}` | `${string} /api/yrkesbarometer${string}` | "GET /api/rounds/{id}/supply-gap" | "GET /api/rounds/{id}/shortage"
>;

const id = (event: ApiEvent) => event.pathParameters?.id ?? "";
const query = (event: ApiEvent, name: string) => event.queryStringParameters?.[name];

/** A file's bytes: binary bodies reach the function as base64, text ones as text (see organisations/import). */
function fileBody(e: ApiEvent): Uint8Array | string {
  const type = header(e, "content-type") ?? "";
  if (!/^(text\/(csv|plain)|application\/(json|octet-stream))/.test(type)) throw new UnsupportedMediaTypeError("Send the file as text/csv, application/json or application/octet-stream.");
  const bytes = rawBodyBytes(e, MAX_CSV_BODY_BYTES);
  return e.isBase64Encoded ? bytes : bytes.toString("utf8");
}

export const SUPPLY_ROUTES: Record<SupplyRouteKey, OwnerRoute> = {
  "GET /api/rounds/{id}/supply-gap": async (deps, e) => json(200, await roundSupplyGap(deps, id(e), query(e, "release"))),
  "GET /api/rounds/{id}/shortage": async (deps, e) => json(200, await roundShortage(deps, id(e), query(e, "release"))),
  "GET /api/education-offerings": async (deps) => json(200, { items: await listOfferings(deps) }),
  "POST /api/education-offerings": async (deps, e) => json(201, await createOffering(deps, jsonBody(e))),
  "GET /api/education-offerings/template.csv": async () => csv("utbildningsutbud-mall.csv", offeringsTemplateCsv()),
  "POST /api/education-offerings/import": async (deps, e) =>
    json(
      200,
      await importOfferings(deps, fileBody(e), { format: query(e, "format"), dryRun: query(e, "dryRun") === "true", sunField: query(e, "sunField"), places: query(e, "places") }),
    ),
  "GET /api/education-offerings/{id}": async (deps, e) => json(200, await getOffering(deps, id(e))),
  "PUT /api/education-offerings/{id}": async (deps, e) => json(200, await updateOffering(deps, id(e), jsonBody(e))),
  "GET /api/yrkesbarometer": async (deps) => json(200, { items: await listAssessments(deps) }),
  "POST /api/yrkesbarometer/import": async (deps, e) => json(200, await importYrkesbarometer(deps, fileBody(e), { dryRun: query(e, "dryRun") === "true" })),
};
