/**
 * The `citegraph` command. Each subcommand is a thin shell over the library, search and web modules.
 * Exit codes: 0 ok, 1 runtime failure, 2 bad usage; errors go to stderr as one clear line.
 */
import { Command, CommanderError, Option } from "commander";
import { formatLocation } from "../formats/record.ts";
import { DEMO_DB } from "../library/demo-db.ts";
import { EXPORT_FORMATS, ExportError, type ExportFormat, exportWorks } from "../library/export.ts";
import { checkImportFiles, ImportError, importFiles } from "../library/import.ts";
import { IngestError } from "../library/pdf-files.ts";
import { configuredQueue, QueueConfigError, queueLocation } from "../library/queue/location.ts";
import { DEFAULT_PDF_LIMITS } from "../pdf/types.ts";
import { QueryError } from "../search/query-parser.ts";
import { parseSort, search } from "../search/search.ts";
import { libraryPath, openStore } from "../store/open.ts";
import { isPostgresUrl, safeUrl } from "../store/postgres/url.ts";
import type { Store } from "../store/types.ts";
import { GraphEditError, SORT_ORDERS } from "../store/types.ts";
import { AdminConfigError } from "../web/admin-auth.ts";
import { endQuietlyOnClosedPipe, isClosedPipe } from "./closed-pipe.ts";
import { failureJson, formatResults, oneLine } from "./format.ts";
import type { IngestCliOptions } from "./ingest.ts";
import { migrateCommand } from "./migrate.ts";
import { Progress } from "./progress.ts";
import type { EnqueueCliOptions } from "./queue.ts";

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name} must be a whole number of at least 1, not "${value}"`);
    return n;
  };
}

function nonNegativeInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number, not "${value}"`);
    return n;
  };
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(libraryPath(db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function buildProgram(out: NodeJS.WritableStream = process.stdout): Command {
  const program = new Command("citegraph")
    .description(
      "An autonomous citation index: a searchable library in which every paper knows what it cites and what cites it.",
    )
    .option("--db <path>", "the library file (default: $CITEGRAPH_DB or ./citegraph.db)")
    .showHelpAfterError(false);
  const db = () => program.opts<{ db?: string }>().db;

  program
    .command("import")
    .description(
      "import metadata files: BibTeX (.bib), CSL-JSON (.json), RIS (.ris), JSON Lines (.jsonl, also S2ORC), ACL Anthology XML (.xml)",
    )
    .argument("<files...>", "files to import")
    .option("--batch-size <n>", "records per transaction", positiveInt("--batch-size"), 2000)
    .action(async (files: string[], opts: { batchSize: number }) => {
      await checkImportFiles(files);
      await withStore(db(), async (store) => {
        const progress = new Progress();
        let total = 0;
        const report = await importFiles(store, files, {
          batchSize: opts.batchSize,
          onProgress: (p) => {
            if (p.done) {
              progress.done();
              total += p.records;
              process.stderr.write(`${oneLine(p.file)}: ${p.records} records read, ${p.failed} malformed\n`);
            } else progress.update(p.file, total + p.records);
          },
          onError: (e) => {
            progress.done();
            process.stderr.write(`${oneLine(formatLocation(e.location))}: ${oneLine(e.reason)}\n`);
          },
        });
        out.write(
          `Imported ${report.records} records from ${report.files} file(s): ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} malformed\n`,
        );
      });
    });

  program
    .command("search")
    .description("search the library (query language: citegraph help-query, or the /help page)")
    .argument("<query...>", "the query")
    .addOption(
      new Option("--sort <order>", "result order").choices(SORT_ORDERS as string[]).default("relevance"),
    )
    .option("--page <n>", "page to show", positiveInt("--page"), 1)
    .option("--per-page <n>", "results a page (at most 100)", positiveInt("--per-page"), 10)
    .option("--include-citations", "include works known only from references", false)
    .option("--no-citation-boost", "rank by text alone")
    .option("--facets", "also show facets (with --json)", false)
    .option("--json", "print JSON instead of text", false)
    .action(async (words: string[], opts) => {
      await withStore(db(), async (store) => {
        const r = await search(store, {
          q: words.join(" "),
          sort: parseSort(opts.sort),
          page: opts.page,
          perPage: opts.perPage,
          includeCitations: opts.includeCitations,
          citationBoost: opts.citationBoost,
          facets: opts.facets,
        });
        if (opts.json) {
          const { searchResultJson } = await import("../search/json.ts");
          out.write(`${JSON.stringify(searchResultJson(r))}\n`);
        } else out.write(`${formatResults(r)}\n`);
      });
    });

  program
    .command("export")
    .description("export the library, or the works a query finds")
    .argument("[query...]", "only the works this query finds")
    .addOption(new Option("--format <format>", "output format").choices([...EXPORT_FORMATS]).default("jsonl"))
    .option("--include-citations", "include works known only from references", false)
    .action(async (words: string[], opts: { format: ExportFormat; includeCitations: boolean }) => {
      await withStore(db(), async (store) => {
        await exportWorks(store, process.stdout, {
          format: opts.format,
          query: words.join(" "),
          includeCitations: opts.includeCitations,
        });
      });
    });

  program
    .command("stats")
    .description("counts of works, documents, references, citations and authors")
    .option("--json", "print JSON", false)
    .action(async (opts: { json: boolean }) => {
      await withStore(db(), async (store) => {
        const s = await store.stats();
        if (opts.json) out.write(`${JSON.stringify(s)}\n`);
        else {
          out.write(
            [
              `Works:            ${s.works} (${s.worksInLibrary} in the library, ${s.worksCitedOnly} cited only)`,
              `Documents:        ${s.documents}`,
              `References:       ${s.references} (${s.referencesResolved} resolved)`,
              `Citations:        ${s.citations} (${s.selfCitations} self-citations)`,
              `Authors:          ${s.authors}`,
              `Failed records:   ${s.failures}`,
            ].join("\n") + "\n",
          );
        }
      });
    });

  program
    .command("rebuild-graph")
    .description(
      "resolve every reference again and recount every citation (after an upgrade of the matcher; gives what the incremental path keeps)",
    )
    .action(async () => {
      await withStore(db(), async (store) => {
        const r = await store.rebuildGraph();
        out.write(
          `${r.references} references: ${r.resolved} resolved, ${r.ambiguous} ambiguous; ${r.citedOnly} works cited only\n`,
        );
      });
    });

  const workId = (name: string) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name} must be a work id (a whole number), not "${value}"`);
    return n;
  };

  program
    .command("merge")
    .description(
      "make one work part of another (the second into the first): documents, references and citations move; recorded in the history",
    )
    .argument("<into>", "the work that stays", workId("<into>"))
    .argument("<from>", "the work that becomes part of it", workId("<from>"))
    .option("--note <text>", "why (kept in the history)")
    .action(async (into: number, from: number, opts: { note?: string }) => {
      await withStore(db(), async (store) => {
        const { mergeId } = await store.mergeWorks(into, from, opts.note);
        out.write(
          `merged work ${from} into work ${into} (merge ${mergeId}; undo: citegraph split ${mergeId})\n`,
        );
      });
    });

  program
    .command("split")
    .description(
      "undo a merge: the absorbed work comes back with the documents and references the merge moved",
    )
    .argument("<merge>", "the merge's id (citegraph merges lists them)", workId("<merge>"))
    .action(async (mergeId: number) => {
      await withStore(db(), async (store) => {
        const { workId: id } = await store.splitMerge(mergeId);
        out.write(`split merge ${mergeId}: the work is back as work ${id}\n`);
      });
    });

  program
    .command("merges")
    .description("the history of merges and splits, newest first")
    .option("--limit <n>", "how many to list", positiveInt("--limit"), 100)
    .action(async (opts: { limit: number }) => {
      await withStore(db(), async (store) => {
        for (const m of await store.merges(opts.limit))
          out.write(
            `merge ${m.id} ${new Date(m.mergedAt).toISOString()}: work ${m.from} "${m.fromTitle}" into work ${m.into} (${m.documents} documents, ${m.references} references)${m.note ? ` — ${m.note}` : ""}${m.splitAt ? `; split ${new Date(m.splitAt).toISOString()} into work ${m.splitInto}` : ""}\n`,
          );
      });
    });

  program
    .command("ambiguous")
    .description("references left unresolved because several works fit them equally well, with those works")
    .option("--limit <n>", "how many to list", positiveInt("--limit"), 100)
    .option("--json", "print JSON Lines", false)
    .action(async (opts: { limit: number; json: boolean }) => {
      await withStore(db(), async (store) => {
        const { total, items } = await store.ambiguousReferences({ offset: 0, limit: opts.limit });
        for (const a of items) {
          if (opts.json) out.write(`${JSON.stringify(a)}\n`);
          else
            out.write(
              `work ${a.citing.id} reference ${a.position + 1}: ${a.raw ?? a.item?.title ?? "(no text)"}\n${a.candidates
                .map((c) => `  fits work ${c.id}${c.inLibrary ? "" : " (cited only)"}: ${c.title}\n`)
                .join("")}`,
            );
        }
        if (!opts.json) out.write(`${total} ambiguous reference${total === 1 ? "" : "s"}\n`);
      });
    });

  program
    .command("failures")
    .description("records and files that could not be imported, newest first, with the reason")
    .option("--limit <n>", "how many to list", positiveInt("--limit"), 100)
    .option("--json", "print a JSON array", false)
    .action(async (opts: { limit: number; json: boolean }) => {
      await withStore(db(), async (store) => {
        const failures = await store.failures(opts.limit);
        if (opts.json) out.write(`${JSON.stringify(failures.map(failureJson))}\n`);
        // Silence would leave the reader wondering whether the command ran at all.
        else if (!failures.length) out.write("No failures.\n");
        else
          for (const f of failures) out.write(`${oneLine(f.location ?? f.source)}: ${oneLine(f.reason)}\n`);
      });
    });

  program
    .command("parse-references")
    .description(
      "parse references as printed, one a line (from the files, or standard input), into CSL-JSON lines (with raw and per-field confidence) or BibTeX",
    )
    .argument("[files...]", "files of references, one a line (default or '-': standard input)")
    .addOption(new Option("--format <format>", "output format").choices(["jsonl", "bibtex"]).default("jsonl"))
    .action(async (files: string[], opts: { format: "jsonl" | "bibtex" }) => {
      const { parseReferenceLines } = await import("./parse-references.ts");
      await parseReferenceLines(files.length ? files : ["-"], opts.format, out);
    });

  program
    .command("match-references")
    .description(
      'group records that name the same work: JSON Lines in ({"id", "raw"} or {"id", CSL-JSON fields}), JSON Lines out ({"id", "work"}, same order)',
    )
    .argument("[files...]", "JSON Lines files (default or '-': standard input)")
    .action(async (files: string[]) => {
      const { matchReferenceLines } = await import("./match-references.ts");
      const r = await matchReferenceLines(files.length ? files : ["-"], out);
      process.stderr.write(
        `${r.records} records, ${r.works} works, ${r.ambiguous} ambiguous, ${r.errors} unreadable\n`,
      );
    });

  const addPdfOptions = (c: Command) =>
    c
      .option(
        "--max-pages <n>",
        "refuse PDFs with more pages",
        positiveInt("--max-pages"),
        DEFAULT_PDF_LIMITS.maxPages,
      )
      .option(
        "--max-mb <n>",
        "refuse PDFs larger than this many megabytes",
        positiveInt("--max-mb"),
        DEFAULT_PDF_LIMITS.maxBytes / 1024 / 1024,
      )
      .option("--timeout <seconds>", "time one PDF may take", positiveInt("--timeout"), 120);

  addPdfOptions(
    program
      .command("ingest")
      .description(
        "ingest PDFs (files and folders, recursively; .pdf and .pdf.gz): metadata, references and citation contexts",
      )
      .argument("[paths...]", "PDF files or folders")
      .option("--jobs <n>", "worker threads (default: one per core)", positiveInt("--jobs"))
      .option(
        "--queue [url]",
        "queue the PDFs for `citegraph worker` instead (the queue: this postgres:// URL, else $CITEGRAPH_QUEUE, else a postgres:// library's own database)",
      )
      .option(
        "--retries <n>",
        "with --queue: tries after the first of a PDF that failed",
        nonNegativeInt("--retries"),
      )
      .option(
        "--retry-delay <seconds>",
        "with --queue: pause before the first retry (each later one about twice as long)",
        positiveInt("--retry-delay"),
      )
      .option(
        "--job-expiry <seconds>",
        "with --queue: time a worker may hold a job before another gets it (default: the timeout plus as much again, at least a minute)",
        positiveInt("--job-expiry"),
      ),
  ).action(async (paths: string[], opts: EnqueueCliOptions & { queue?: string | true }) => {
    const file = libraryPath(db());
    if (opts.queue === undefined) {
      if (!paths.length) throw new UsageError("ingest: give the PDF files or folders to ingest");
      for (const o of ["retries", "retryDelay", "jobExpiry"] as const)
        if (opts[o] !== undefined) throw new UsageError(`--${kebab(o)} is for ingest --queue`);
      const { runIngest } = await import("./ingest.ts");
      return withStore(db(), (store) => runIngest(store, file, paths, opts, out));
    }
    // `--queue a.pdf`: the optional value was the first path.
    let given: string | undefined;
    if (typeof opts.queue === "string" && !isPostgresUrl(opts.queue)) paths.unshift(opts.queue);
    else if (typeof opts.queue === "string") given = opts.queue;
    if (!paths.length) throw new UsageError("ingest --queue: give the PDF files or folders to queue");
    if (opts.jobExpiry !== undefined && opts.jobExpiry <= opts.timeout)
      throw new UsageError(
        `--job-expiry (${opts.jobExpiry} s) must be longer than --timeout (${opts.timeout} s)`,
      );
    const queueUrl = queueLocation(file, given);
    const { runEnqueue } = await import("./queue.ts");
    await withStore(db(), (store) => runEnqueue(store, queueUrl, paths, opts, out));
  });

  program
    .command("worker")
    .description(
      "take queued PDFs (citegraph ingest --queue) and ingest them into the library; run as many as wanted, on any machine",
    )
    .option("--queue <url>", "the queue (else $CITEGRAPH_QUEUE, else a postgres:// library's own database)")
    .option("--concurrency <n>", "PDFs at once (default: one per core)", positiveInt("--concurrency"))
    .option("--exit-when-idle", "stop when nothing waits or runs in the queue (batch runs)", false)
    .action(async (opts: { queue?: string; concurrency?: number; exitWhenIdle: boolean }) => {
      const file = libraryPath(db());
      const queueUrl = queueLocation(file, opts.queue);
      const { runWorker } = await import("./queue.ts");
      await withStore(db(), (store) => runWorker(store, file, queueUrl, opts, out));
    });

  program
    .command("queue")
    .description("the ingest queue's progress: waiting, active, done, failed, rate and ETA")
    .option("--queue <url>", "the queue (else $CITEGRAPH_QUEUE, else a postgres:// library's own database)")
    .option("--json", "print JSON", false)
    .action(async (opts: { queue?: string; json: boolean }) => {
      const queueUrl = queueLocation(libraryPath(db()), opts.queue);
      const { runQueueStatus } = await import("./queue.ts");
      await runQueueStatus(queueUrl, opts.json, out);
    });

  addPdfOptions(
    program
      .command("extract")
      .description("print what ingest would store of a PDF, as JSON, without storing it")
      .argument("<file>", "a PDF"),
  ).action(async (file: string, opts: IngestCliOptions) => {
    const { runExtract } = await import("./ingest.ts");
    await runExtract(file, opts, out);
  });

  program
    .command("serve")
    .description("serve the library on the web (search, work pages, MetaCart)")
    .option("--port <n>", "port", positiveInt("--port"), 3000)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option(
      "--rate-limit <n>",
      "requests a client address may make a minute (bursts of a tenth as many)",
      positiveInt("--rate-limit"),
      600,
    )
    .option(
      "--admin-token-file <file>",
      "file whose first line is the admin token (else $CITEGRAPH_ADMIN_TOKEN; without one, no administration)",
    )
    .option(
      "--max-upload-mb <n>",
      "largest upload request through /admin, in MB (default 100, the ingest limit of a PDF; a larger value raises that limit for uploaded PDFs too)",
      positiveInt("--max-upload-mb"),
    )
    .option(
      "--base-url <url>",
      "the library's public address, for the links of feeds and OAI-PMH (else $CITEGRAPH_BASE_URL; else http://HOST:PORT)",
    )
    .option(
      "--queue <url>",
      "the ingest queue: uploads go onto it for `citegraph worker`, its numbers are on the admin page (else $CITEGRAPH_QUEUE, else a postgres:// library's own; without one uploads are ingested in this process)",
    )
    .option(
      "--trust-proxy",
      "a reverse proxy in front sets X-Forwarded-Host and X-Forwarded-Proto: believe them (else they are ignored)",
    )
    .action(
      async (opts: {
        port: number;
        host: string;
        rateLimit: number;
        adminTokenFile?: string;
        maxUploadMb?: number;
        baseUrl?: string;
        trustProxy?: boolean;
        queue?: string;
      }) => {
        // The web stack loads only for the commands that serve.
        const { serve } = await import("../web/server.ts");
        const file = libraryPath(db());
        await serve(openStore(file), {
          port: opts.port,
          host: opts.host,
          library: file,
          rateLimit: { perMinute: opts.rateLimit, burst: Math.max(10, Math.ceil(opts.rateLimit / 10)) },
          adminTokenFile: opts.adminTokenFile,
          maxUploadMb: opts.maxUploadMb,
          baseUrl: opts.baseUrl,
          trustProxy: opts.trustProxy === true,
          queue: opts.queue ? queueLocation(file, opts.queue) : configuredQueue(file),
        });
      },
    );

  program
    .command("demo")
    .description(`build a demo library (default ${DEMO_DB}) and serve it`)
    .option("--port <n>", "port", positiveInt("--port"), 3000)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--no-serve", "only build the demo library")
    .action(async (opts: { port: number; host: string; serve: boolean }) => {
      const path = db() ?? process.env.CITEGRAPH_DB ?? DEMO_DB;
      const store = openStore(path);
      const { buildDemo, holdsOnlyDemo } = await import("../library/demo.ts");
      if (!db() && process.env.CITEGRAPH_DB && !(await holdsOnlyDemo(store))) {
        await store.close();
        throw new UsageError(
          `CITEGRAPH_DB names a library that holds other papers (${safeUrl(path)}): the demo is built in a library of its own; give one with --db`,
        );
      }
      const report = await buildDemo(store);
      out.write(
        `Demo library ${path}: ${report.added + report.updated + report.unchanged} records (${report.added} new)\n`,
      );
      if (!opts.serve) return store.close();
      const { serve } = await import("../web/server.ts");
      await serve(store, { port: opts.port, host: opts.host, library: path });
    });

  program.addCommand(migrateCommand(db, out));

  return program;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit with code 0; Commander has already printed its message.
      return e.exitCode === 0 ? 0 : 2;
    }
    // A write that failed because the reader went away (`citegraph export | head`) is no failure.
    if (isClosedPipe(e)) return 0;
    const message = (e as Error).message ?? String(e);
    if (
      e instanceof UsageError ||
      e instanceof QueryError ||
      e instanceof ImportError ||
      e instanceof IngestError ||
      e instanceof GraphEditError ||
      e instanceof AdminConfigError ||
      e instanceof ExportError ||
      e instanceof QueueConfigError
    ) {
      process.stderr.write(`citegraph: ${message}\n`);
      return 2;
    }
    process.stderr.write(`citegraph: ${message}\n`);
    if (process.env.CITEGRAPH_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}
