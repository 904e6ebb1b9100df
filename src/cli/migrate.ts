/**
 * `citegraph migrate --to postgres://…`: moves a SQLite library into a PostgreSQL database (library/
 * migrate-postgres.ts); `--from postgres://… --to FILE` moves it back (library/migrate-sqlite.ts). Each table is
 * shown as it is copied, then what was verified.
 */
import { Command } from "commander";
import { libraryPath } from "../store/open.ts";
import { isPostgresUrl } from "../store/postgres/url.ts";
import { UsageError } from "./main.ts";
import { Progress } from "./progress.ts";

export function migrateCommand(db: () => string | undefined, out: NodeJS.WritableStream): Command {
  return new Command("migrate")
    .description(
      "copy a SQLite library into PostgreSQL, or a PostgreSQL library back into a SQLite file (ids kept), then verify it",
    )
    .requiredOption(
      "--to <url|path>",
      "the PostgreSQL database (postgres://user@host/database), or a SQLite file",
    )
    .option("--from <path|url>", "the library to copy (default: --db, $CITEGRAPH_DB or ./citegraph.db)")
    .option("--replace", "replace the library the target holds already", false)
    .action(async (opts: { to: string; from?: string; replace: boolean }) => {
      const from = opts.from ?? libraryPath(db());
      const back = isPostgresUrl(from);
      if (back && isPostgresUrl(opts.to))
        throw new UsageError("--from and --to are both PostgreSQL: one of them must be a SQLite file");
      if (!back && !isPostgresUrl(opts.to))
        throw new UsageError(
          `--to must be a PostgreSQL URL (postgres://…), not "${opts.to}", when --from is a SQLite library`,
        );
      const { safeUrl } = await import("../store/postgres/url.ts");
      const progress = new Progress();
      const onProgress = (p: { table: string; rows: number; done: boolean }) => {
        if (p.done) {
          progress.done();
          process.stderr.write(`${p.table}: ${p.rows} rows\n`);
        } else progress.update(p.table, p.rows);
      };
      try {
        const report = back
          ? await (await import("../library/migrate-sqlite.ts")).migrateToSqlite({
              from,
              to: opts.to,
              replace: opts.replace,
              onProgress,
            })
          : await (await import("../library/migrate-postgres.ts")).migrateToPostgres({
              from,
              to: opts.to,
              replace: opts.replace,
              onProgress,
            });
        const rows = report.tables.reduce((n, t) => n + t.rows, 0);
        const [source, target] = back ? [safeUrl(from), opts.to] : [from, safeUrl(opts.to)];
        out.write(
          `Migrated ${source} to ${target}: ${rows} rows in ${report.tables.length} tables, verified (row counts of every table; ${report.verifiedWorks} works read the same through both stores), ${report.pdfs} PDF copies moved, in ${report.seconds.toFixed(1)} s\n`,
        );
      } finally {
        progress.done();
      }
    });
}
