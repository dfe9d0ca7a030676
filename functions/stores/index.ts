import { aggregateStore } from "./aggregates";
import { auditLogStore } from "./audit-log";
import { cycleStore } from "./cycles";
import { draftStore } from "./drafts";
import { instrumentVersionStore } from "./instrument-versions";
import { educationOfferingStore } from "./education-offerings";
import { exportJobStore } from "./export-jobs";
import { invitationStore } from "./invitations";
import { mailDeliveryStore } from "./mail-deliveries";
import { organisationStore } from "./organisations";
import { outboxStore } from "./outbox";
import { personStore } from "./persons";
import { programmeStore } from "./programmes";
import { programmeReleaseStore } from "./programme-releases";
import { projectStore } from "./projects";
import { releaseStore } from "./releases";
import { responseStore } from "./responses";
import { roundStore } from "./rounds";
import { schemaStore } from "./schema";
import { tokenStore } from "./tokens";
import { yrkesbarometerStore } from "./yrkesbarometer";
import { batchPut, transact, type TableRef, type TransactItem } from "./table";

/** One store per entity over the single table, and the transaction that writes items of several. */
export function createStores(table: TableRef) {
  return {
    organisations: organisationStore(table),
    persons: personStore(table),
    rounds: roundStore(table),
    invitations: invitationStore(table),
    tokens: tokenStore(table),
    responses: responseStore(table),
    drafts: draftStore(table),
    aggregates: aggregateStore(table),
    releases: releaseStore(table),
    exportJobs: exportJobStore(table),
    projects: projectStore(table),
    programmes: programmeStore(table),
    programmeReleases: programmeReleaseStore(table),
    cycles: cycleStore(table),
    outbox: outboxStore(table),
    auditLog: auditLogStore(table),
    deliveries: mailDeliveryStore(table),
    schema: schemaStore(table),
    instrumentVersions: instrumentVersionStore(table),
    educationOfferings: educationOfferingStore(table),
    yrkesbarometer: yrkesbarometerStore(table),
    transact: (items: TransactItem[]) => transact(table, items),
    /** The Put items of built transaction items, written in batches without their conditions (items known to be new). */
    batchPut: (items: TransactItem[]) => batchPut(table, items.map((i) => i.Put?.Item).filter((i): i is Record<string, unknown> => !!i)),
  };
}
export type Stores = ReturnType<typeof createStores>;
