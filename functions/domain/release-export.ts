import { ConflictError, NotFoundError } from "../../shared/errors";
import { RELEASE_EXPORT_SCHEMA, RELEASE_EXPORT_VERSION, type ReleaseExport, type SignedReleaseExport } from "../../shared/schemas/release-export";
import { INDUSTRY_CLASSIFICATION_IN_USE } from "../../shared/classifications/versions";
import type { Deps } from "../adapters/ports";
import { getRound } from "./rounds";
import { referenceYearOf } from "../../shared/schemas/round";
import { invitedBySegment } from "./releases";
import { instrumentOfRound } from "./instrument-registry";
import { signExport } from "./export-signature";

/**
 * A round's final release as a signed document of protected cells for a consortium
 * (shared/schemas/release-export.ts). Only a final release leaves the region: an interim one is
 * provisional, and a consortium that merged it would be differencing against the final one.
 */
export async function releaseExport(deps: Deps, roundId: string, number: string | undefined): Promise<SignedReleaseExport> {
  const round = await getRound(deps, roundId);
  const n = Number(number);
  const release = Number.isInteger(n) ? (await deps.stores.releases.list(roundId)).find((r) => r.number === n) : undefined;
  if (!release || release.status !== "published") throw new NotFoundError("No published release with that number.");
  if (release.kind !== "final") throw new ConflictError("release-not-final", "Only a round's final release is exported; it is made when the round closes.");
  if (release.unit !== "organisation") throw new ConflictError("release-not-exportable", "Only skills-needs releases, which count organisations, are exported.");
  // The region's own versions (its competence areas) travel with the export: the consortium has no other copy.
  const instrument = await instrumentOfRound(deps, round);
  const families = await deps.stores.releases.cells(roundId, release.number);
  if (families.length === 0) throw new ConflictError("release-without-cells", "This release was made before releases kept their cells; it cannot be exported.");
  if (!deps.signer) throw new ConflictError("exports-not-configured", "This region has no signing key for exports.");
  const payload: ReleaseExport = {
    schema: RELEASE_EXPORT_SCHEMA,
    schemaVersion: RELEASE_EXPORT_VERSION,
    region: { id: deps.regionId, name: deps.region?.name ?? deps.regionId, countyCodes: deps.region?.countyCodes ?? [] },
    round: { id: round.id, title: round.name, ...(round.closedAt ? { closedAt: round.closedAt } : {}), referenceYear: referenceYearOf(round) },
    release: {
      number: release.number,
      kind: release.kind,
      cutoff: release.cutoff,
      createdAt: release.createdAt,
      responses: release.responses,
      invited: release.invited,
      unit: release.unit,
      rules: release.rules,
    },
    instrument,
    classifications: { industry: INDUSTRY_CLASSIFICATION_IN_USE, occupation: "SSYK2012", education: "SUN2020" },
    invited: Object.fromEntries(await invitedBySegment(deps, roundId)),
    families,
    supply: {
      offerings: (await deps.stores.educationOfferings.list()).map(({ contact: _contact, ...offering }) => offering),
      assessments: await deps.stores.yrkesbarometer.list(),
    },
    exportedAt: deps.clock().toISOString(),
  };
  return signExport(payload, deps.signer);
}

/** Where an export is put on the region's shelf: one name per round and release, so publishing again replaces it. */
export const exportName = (regionId: string, roundId: string, number: number) => `${regionId}/${roundId}/release-${String(number).padStart(4, "0")}.json`;

/** Signs the export and puts it where the consortium reads the region's exports. */
export async function publishReleaseExport(deps: Deps, roundId: string, number: string | undefined): Promise<{ name: string; keyId: string }> {
  if (!deps.exportShelf) throw new ConflictError("exports-not-configured", "This region publishes no exports for a consortium.");
  const signed = await releaseExport(deps, roundId, number);
  const name = exportName(deps.regionId, roundId, signed.payload.release.number);
  await deps.exportShelf.put(name, JSON.stringify(signed));
  return { name, keyId: signed.signature.keyId };
}
