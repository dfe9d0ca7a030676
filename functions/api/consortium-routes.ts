/**
 * The consortium stack's API (infra/stacks/consortium-stack.ts): its own deployment, apart from
 * any region's, so its routes are kept apart from the regions' (routes.ts). Read-only: the
 * consortium holds nothing but the regions' signed exports, protected aggregates each region
 * chose to publish to it.
 */
export const CONSORTIUM_ROUTES = {
  "GET /api/consortium": { summary: "The merged picture of the member regions' newest exports, by region, SNI section or division" },
  "GET /api/consortium/trends": { summary: "The merged picture year by year: needs by area, planned hires and balance the years share" },
  "GET /api/consortium.xlsx": { summary: "The merged picture of one breakdown as XLSX (a sheet per table, one that explains them)" },
} as const;
export type ConsortiumRouteKey = keyof typeof CONSORTIUM_ROUTES;
