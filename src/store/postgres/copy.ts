/**
 * `COPY … FROM STDIN` through pg: rows streamed to the server in PostgreSQL's text format, as fast as the
 * socket takes them (waiting when it is full), with no dependency beyond pg. pg runs any object with a
 * `submit(connection)` method as a query and hands it the protocol's messages; this one answers the server's
 * CopyInResponse with CopyData messages, then CopyDone (or CopyFail when the rows' source throws).
 */
import { once } from "node:events";
import type pg from "pg";

/** What pg hands a submitted query: the protocol connection, of which COPY needs these. */
interface CopyConnection {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/** One value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  const s = typeof v === "string" ? v : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : s;
}

/** An array literal for a bigint[] or text[] column (its elements quoted), or NULL. */
export function arrayLiteral(values: readonly (string | number)[] | null | undefined): string | null {
  if (!values) return null;
  return `{${values
    .map((v) => (typeof v === "number" ? String(v) : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`))
    .join(",")}}`;
}

/** Bytes gathered into one CopyData message. */
const CHUNK_BYTES = 256 * 1024;

class CopyIn {
  private connection: CopyConnection | undefined;
  private error: Error | undefined;
  private settle!: { resolve: (n: number) => void; reject: (e: Error) => void };
  readonly done: Promise<number>;
  private rowCount = 0;

  constructor(
    readonly text: string,
    private readonly rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: CopyConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyInResponse(): void {
    this.pump().catch((e: Error) => {
      this.error ??= e;
      this.connection?.sendCopyFail(e.message);
    });
  }

  private async pump(): Promise<void> {
    const c = this.connection!;
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      if (!parts.length) return;
      c.sendCopyFromChunk(Buffer.from(parts.join(""), "utf8"));
      parts = [];
      size = 0;
      if (c.stream.writableNeedDrain) await once(c.stream, "drain");
    };
    for await (const row of this.rows) {
      if (this.error) return;
      const line = `${row.map(copyValue).join("\t")}\n`;
      parts.push(line);
      size += line.length;
      if (size >= CHUNK_BYTES) await flush();
    }
    await flush();
    c.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text ?? "");
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(err: Error): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve(this.rowCount);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

/**
 * Runs `COPY table (columns) FROM STDIN` on a client with these rows (each value as `copyValue` writes it);
 * resolves to the number of rows the server took. The client must not be used for anything else meanwhile.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<number> {
  const copy = new CopyIn(`COPY ${table} (${columns.join(", ")}) FROM STDIN`, rows);
  client.query(copy as unknown as pg.Submittable);
  return copy.done;
}
