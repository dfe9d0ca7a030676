import { migrateToOrganisationUnit, type MigrationDeps } from "./organisation-unit";
import { migrateToProjects } from "./projects";
export type { MigrationDeps } from "./organisation-unit";

/**
 * The table's versioned migrations, in order. The table's schema-version item (stores/schema.ts)
 * says which have run; `runMigrations` runs those after it, one at a time, and advances the
 * version after each. Each migration is itself idempotent, so a run that stops between a
 * migration and its version step is simply run again. Locally the stack runs this on start
 * (infra/local/local-stack.ts); on AWS it is a one-off task (docs/data-and-workflows.md).
 */
export type Migration = { version: number; name: string; run: (deps: MigrationDeps) => Promise<unknown> };

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "organisation-unit", run: migrateToOrganisationUnit },
  { version: 2, name: "projects", run: migrateToProjects },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type MigrationReport = { from: number; to: number; applied: { version: number; name: string; result: unknown }[] };

export async function runMigrations(deps: MigrationDeps, log: (line: string) => void = () => {}): Promise<MigrationReport> {
  const from = await deps.stores.schema.version();
  let version = from;
  const applied: MigrationReport["applied"] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= version) continue;
    log(`migration ${migration.version} (${migration.name}) ...`);
    const result = await migration.run(deps);
    if (!(await deps.stores.schema.advance(version, migration.version, migration.name, deps.clock().toISOString()))) {
      // Another run advanced the table meanwhile; it ran the same idempotent step.
      version = await deps.stores.schema.version();
      if (version < migration.version) throw new Error(`schema version ${version} after migration ${migration.version}`);
      continue;
    }
    log(`migration ${migration.version} (${migration.name}): ${JSON.stringify(result)}`);
    applied.push({ version: migration.version, name: migration.name, result });
    version = migration.version;
  }
  return { from, to: version, applied };
}
