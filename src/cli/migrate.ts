/**
 * `citegraph migrate --to postgres://…`: moves a SQLite library into a PostgreSQL database (library/
 * migrate-postgres.ts), showing each table as it is copied and what was verified.
 */
import { Command } from "commander";
import { libraryPath } from "../store/open.ts";
import { isPostgresUrl } from "../store/postgres/url.ts";
import { UsageError } from "./main.ts";
import { Progress } from "./progress.ts";

export function migrateCommand(db: () => string | undefined, out: NodeJS.WritableStream): Command {
  return new Command("migrate")
    .description("copy a SQLite library into PostgreSQL (ids kept), then verify it")
    .requiredOption("--to <url>", "the PostgreSQL database: postgres://user@host/database")
    .option("--from <path>", "the SQLite library (default: --db, $CITEGRAPH_DB or ./citegraph.db)")
    .option("--replace", "replace the library the database holds already", false)
    .action(async (opts: { to: string; from?: string; replace: boolean }) => {
      const from = opts.from ?? libraryPath(db());
      if (!isPostgresUrl(opts.to))
        throw new UsageError(`--to must be a PostgreSQL URL (postgres://…), not "${opts.to}"`);
      if (isPostgresUrl(from))
        throw new UsageError(
          "--from must be a SQLite library: moving a library out of PostgreSQL is not written yet",
        );
      const { migrateToPostgres } = await import("../library/migrate-postgres.ts");
      const { safeUrl } = await import("../store/postgres/url.ts");
      const progress = new Progress();
      try {
        const report = await migrateToPostgres({
          from,
          to: opts.to,
          replace: opts.replace,
          onProgress: (p) => {
            if (p.done) {
              progress.done();
              process.stderr.write(`${p.table}: ${p.rows} rows\n`);
            } else progress.update(p.table, p.rows);
          },
        });
        const rows = report.tables.reduce((n, t) => n + t.rows, 0);
        out.write(
          `Migrated ${from} to ${safeUrl(opts.to)}: ${rows} rows in ${report.tables.length} tables, verified (row counts of every table; ${report.verifiedWorks} works read the same through both stores), ${report.pdfs} PDF copies into the database, in ${report.seconds.toFixed(1)} s\n`,
        );
      } finally {
        progress.done();
      }
    });
}
