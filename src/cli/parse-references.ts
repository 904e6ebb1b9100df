/** `citegraph parse-references`: reference strings in, one a line; one parsed record out per line, in order. */
import { existsSync, statSync } from "node:fs";
import { parseReference } from "../extract/reference/parse.ts";
import { BibtexKeys, toBibtex } from "../formats/bibtex-writer.ts";
import { decodeStream, readLines, splitLines } from "../formats/lines.ts";
import { UsageError } from "./main.ts";

/** A reference is a few hundred characters; a longer line is no reference and is not held. */
const MAX_LINE = 100_000;

async function* lines(file: string): AsyncGenerator<string> {
  const input = file === "-" ? splitLines(decodeStream(process.stdin), MAX_LINE) : readLines(file, MAX_LINE);
  for await (const { line } of input) yield line;
}

export async function parseReferenceLines(
  files: string[],
  format: "jsonl" | "bibtex",
  out: NodeJS.WritableStream,
): Promise<void> {
  for (const f of files) {
    if (f !== "-" && (!existsSync(f) || !statSync(f).isFile())) throw new UsageError(`${f}: no such file`);
  }
  const keys = new BibtexKeys();
  for (const file of files) {
    for await (const line of lines(file)) {
      const raw = line.replace(/^\uFEFF/, "").trim();
      const parsed = raw ? parseReference(raw) : undefined;
      let text: string;
      if (format === "bibtex") {
        if (!parsed) continue;
        const { raw: _raw, ...item } = parsed.item;
        text = toBibtex(item, keys);
      } else {
        text = `${JSON.stringify(parsed ? { ...parsed.item, confidence: parsed.confidence } : { raw })}\n`;
      }
      if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
  }
}
