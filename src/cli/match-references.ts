/**
 * `citegraph match-references`: JSON Lines in — `{"id": …, "raw": "…"}` or `{"id": …, <CSL-JSON fields>}` —
 * and JSON Lines out, `{"id": …, "work": …}` in the same order, where records with the same `work` are the same
 * work (its value is the id of the work's first record). A record that fits two distinct works equally well gets
 * its own work and `"ambiguous": [those works]`; a line that cannot be read gets `"error"` and the batch goes on.
 * A record may name the reference list it comes from (`"list": "paper-17"`): two entries of one list are never
 * one work.
 */
import { existsSync, statSync } from "node:fs";
import { parseReference } from "../extract/reference/parse.ts";
import type { CslItem } from "../formats/csl.ts";
import { decodeStream, readLines, splitLines } from "../formats/lines.ts";
import { RecordFormatError, toCslItem } from "../formats/record.ts";
import { clusterRecords } from "../graph/cluster.ts";
import { matchModel } from "../graph/model.ts";
import { toMatchRecord } from "../graph/record.ts";
import { UsageError } from "./main.ts";

/** At most this many records are matched in one run (memory: a record and its keys are a few hundred bytes). */
export const MAX_MATCH_RECORDS = 2_000_000;
const MAX_LINE = 1_000_000;

interface InputRecord {
  id: unknown;
  item?: CslItem;
  /** A string as printed (parsed here) is a reference: its year confirms a match but cannot refute one. */
  printed?: boolean;
  /** The reference list (citing paper) it comes from. */
  list?: string;
  error?: string;
}

function readRecord(line: string, where: string): InputRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { id: null, error: `${where}: not JSON (${(e as Error).message})` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { id: null, error: `${where}: not a JSON object` };
  const o = value as Record<string, unknown>;
  const id = o.id ?? null;
  const list = typeof o.list === "string" || typeof o.list === "number" ? String(o.list) : undefined;
  try {
    if (typeof o.raw === "string" && o.title === undefined)
      return { id, item: parseReference(o.raw).item, printed: true, list };
    const { list: _list, ...fields } = o;
    return { id, item: toCslItem(fields, { requireTitle: false }), list };
  } catch (e) {
    if (e instanceof RecordFormatError || e instanceof TypeError)
      return { id, error: `${where}: ${e.message}` };
    throw e;
  }
}

export async function matchReferenceLines(
  files: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream = process.stderr,
): Promise<{ records: number; works: number; ambiguous: number; errors: number }> {
  for (const f of files) {
    if (f !== "-" && (!existsSync(f) || !statSync(f).isFile())) throw new UsageError(`${f}: no such file`);
  }
  const inputs: InputRecord[] = [];
  for (const file of files) {
    const where = file === "-" ? "stdin" : file;
    const lines =
      file === "-" ? splitLines(decodeStream(process.stdin), MAX_LINE) : readLines(file, MAX_LINE);
    for await (const { line, number, tooLong } of lines) {
      const text = line.replace(/^\uFEFF/, "").trim();
      if (tooLong) {
        err.write(`${where}:${number}: longer than ${MAX_LINE} characters\n`);
        inputs.push({ id: null, error: "too long" });
        continue;
      }
      if (!text) continue;
      if (inputs.length >= MAX_MATCH_RECORDS)
        throw new UsageError(`more than ${MAX_MATCH_RECORDS} records: split the input`);
      const r = readRecord(text, `${where}:${number}`);
      if (r.error) err.write(`${r.error}\n`);
      inputs.push(r);
    }
  }
  const readable = inputs.map((r, i) => ({ r, i })).filter(({ r }) => r.item);
  const { work, ambiguous } = clusterRecords(
    readable.map(({ r }) => toMatchRecord(r.item as CslItem, r.printed ? "reference" : "record")),
    matchModel(),
    readable.map(({ r }) => r.list),
  );
  // Work names: the id of the work's first record (its position when it has no id).
  const nameOf = (k: number) => {
    const { r, i } = readable[k];
    return r.id ?? `#${i + 1}`;
  };
  const results = new Map<number, Record<string, unknown>>();
  readable.forEach(({ r, i }, k) => {
    const line: Record<string, unknown> = { id: r.id, work: nameOf(work[k]) };
    const fits = ambiguous.get(k);
    if (fits) line.ambiguous = fits.map(nameOf);
    results.set(i, line);
  });
  let errors = 0;
  for (let i = 0; i < inputs.length; i++) {
    const line = results.get(i) ?? { id: inputs[i].id, work: null, error: inputs[i].error };
    if (!results.has(i)) errors++;
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  return { records: inputs.length, works: new Set(work).size, ambiguous: ambiguous.size, errors };
}
