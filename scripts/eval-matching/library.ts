/**
 * References clustered the way the library files them, one after the other (resolveRecord against the works
 * filed so far, ambiguity, joins of works found to be one): each reference is the one reference of a document of
 * its own, imported into a real SQLite library in a temporary folder, in batches. Returns, for each reference,
 * the work it went to (an ambiguous or unresolved reference is a cluster of its own).
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import type { CslItem } from "../../src/formats/csl.ts";
import { doc, tempStore } from "../../src/testing/temp-store.ts";

const BATCH = 100;

export async function clusterInLibrary(items: CslItem[]): Promise<number[]> {
  const { store, path, cleanup } = tempStore();
  try {
    for (let i = 0; i < items.length; i += BATCH) {
      await store.upsertDocuments(
        items.slice(i, i + BATCH).map((item, k) =>
          // A citing document that resembles nothing: no title words in common with any reference, no author.
          doc(`citing-${i + k}`, { title: `zzq citing document ${i + k}`, author: ["Zzq, Citer"] }, [
            { item },
          ]),
        ),
      );
    }
    const db = new Database(path, { readonly: true });
    const rows = db
      .prepare("SELECT d.source_id AS source, r.work_id FROM refs r JOIN documents d ON d.id = r.document_id")
      .all() as { source: string; work_id: number | null }[];
    db.close();
    const work = new Array<number>(items.length);
    for (const r of rows) {
      const i = Number(r.source.slice("citing-".length));
      work[i] = r.work_id ?? -1 - i;
    }
    return work;
  } finally {
    await cleanup();
    rmSync(path, { force: true });
  }
}
