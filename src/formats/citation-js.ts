/**
 * The one place citegraph calls citation-js to read a format. Its plugins register on import, so they are
 * loaded here and nowhere else.
 */
import { createRequire } from "node:module";
import type { CslItem } from "./csl.ts";

const require = createRequire(import.meta.url);
const core = require("@citation-js/core") as {
  plugins: { input: { chain(input: string, options: object): unknown } };
};
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");

/** Parses text of one citation-js input type ("@biblatex/text", "@ris/file") into CSL items. */
export function parseWithCitationJs(text: string, type: string): CslItem[] {
  const out = core.plugins.input.chain(text, { forceType: type, generateGraph: false });
  return Array.isArray(out) ? (out as CslItem[]) : [];
}
