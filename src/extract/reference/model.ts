/** The shipped reference model, loaded once, on first use. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModel } from "../../label/model-file.ts";
import { CrfTagger } from "../../label/tagger.ts";

export const REFERENCE_MODEL_PATH = fileURLToPath(
  new URL("../../../models/reference/model.crf.gz", import.meta.url),
);

let tagger: CrfTagger | undefined;

export function referenceTagger(): CrfTagger {
  if (!tagger) {
    if (!existsSync(REFERENCE_MODEL_PATH))
      throw new Error(
        `${REFERENCE_MODEL_PATH}: the reference model is missing (npm run train:references builds it)`,
      );
    tagger = new CrfTagger(loadModel(REFERENCE_MODEL_PATH).model);
  }
  return tagger;
}
