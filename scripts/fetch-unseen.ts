/**
 * npm run fetch:unseen — the unseen set's PDFs (scripts/eval-pdf/unseen.ts), fetched from Debian: each package
 * named by the gold downloaded once with `apt-get download NAME=VERSION`, the labelled PDFs extracted from it in
 * one pass (`dpkg-deb --fsys-tarfile | tar -x`), and each kept only when its sha1 is the gold's. A paper that
 * cannot be fetched (no apt, a version the archive no longer has, another file) is reported by name and left out;
 * the others go on. The packages are kept in the cache's `debs` folder, so a second run downloads nothing: about
 * 2 GB, most of it the TeX Live documentation packages the debian-german and publishers sets' papers come from.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  isFetched,
  readUnseenGold,
  sha1Of,
  type UnseenGold,
  unseenDir,
  unseenFile,
} from "./eval-pdf/unseen.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const debs = join(unseenDir(), "debs");
mkdirSync(debs, { recursive: true });

/** "r-cran-zoo_1.8-11-1_amd64.deb" → "r-cran-zoo=1.8-11-1" (an epoch is written %3a in the file name). */
function aptTarget(deb: string): string {
  const m = /^([^_]+)_([^_]+)_[^_]+\.deb$/.exec(deb);
  if (!m) throw new Error(`${deb}: not a Debian package file name`);
  return `${m[1]}=${decodeURIComponent(m[2])}`;
}

const errorText = (e: unknown) =>
  ((e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message).split("\n").pop();

/** The papers still to fetch, by the package file that ships them. */
const wanted = new Map<string, { set: string; key: string; gold: UnseenGold }[]>();
let fetched = 0;
const failed: string[] = [];
for (const [set, papers] of readUnseenGold(join(ROOT, "eval/pdf-headers-unseen")))
  for (const [key, gold] of papers) {
    if (isFetched(set, key, gold)) fetched++;
    else wanted.set(gold.deb, [...(wanted.get(gold.deb) ?? []), { set, key, gold }]);
  }

for (const [debName, papers] of wanted) {
  const scratch = mkdtempSync(join(unseenDir(), ".extract-"));
  try {
    const deb = join(debs, debName);
    if (!existsSync(deb))
      execFileSync("apt-get", ["download", aptTarget(debName)], { cwd: debs, stdio: "pipe" });
    if (!existsSync(deb)) throw new Error(`apt-get gave no ${debName}`);
    const paths = papers.map((p) => `./${p.gold.path}`);
    // Through a pipe, not a buffer: a TeX Live documentation package unpacks to more than a gigabyte.
    execFileSync(
      "sh",
      [
        "-c",
        'deb=$1 dir=$2; shift 2; dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" "$@"',
        "sh",
        deb,
        scratch,
        ...paths,
      ],
      {
        stdio: "pipe",
      },
    );
    for (const { set, key, gold } of papers) {
      const extracted = join(scratch, gold.path);
      const sha1 = existsSync(extracted) ? sha1Of(extracted) : "none";
      if (sha1 !== gold.sha1) {
        failed.push(`${set}/${key}: ${gold.path} in ${debName} has sha1 ${sha1}, the gold's is ${gold.sha1}`);
        continue;
      }
      const file = unseenFile(set, key);
      mkdirSync(dirname(file), { recursive: true });
      renameSync(extracted, file);
      fetched++;
    }
  } catch (e) {
    for (const { set, key } of papers) failed.push(`${set}/${key}: ${errorText(e)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
console.log(`${fetched} PDFs of the unseen set in ${unseenDir()}`);
for (const f of failed) console.error(`not fetched: ${f}`);
