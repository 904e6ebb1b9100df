/** The shipped reference model, loaded once, on first use. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModel } from "../../label/model-file.ts";
import { CrfTagger } from "../../label/tagger.ts";

export const REFERENCE_MODEL_PATH = fileURLToPath(
  new URL("../../../models/reference/model.crf.gz", import.meta.url),
);

let tagger: CrfTagger | undefined;

export function referenceTagger(path = REFERENCE_MODEL_PATH): CrfTagger {
  if (path !== REFERENCE_MODEL_PATH) return new CrfTagger(loadModel(path).model);
  if (!tagger) {
    if (!existsSync(path))
      throw new Error(`${path}: the reference model is missing (npm run train:references builds it)`);
    tagger = new CrfTagger(loadModel(path).model);
  }
  return tagger;
}
