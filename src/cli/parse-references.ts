/** `citegraph parse-references`: reference strings in, one a line; one parsed record out per line, in order. */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseReference } from "../extract/reference/parse.ts";
import { BibtexKeys, toBibtex } from "../formats/bibtex-writer.ts";
import { UsageError } from "./main.ts";

async function* lines(file: string): AsyncGenerator<string> {
  const input = file === "-" ? process.stdin : createReadStream(file, { encoding: "utf8" });
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) yield line;
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
