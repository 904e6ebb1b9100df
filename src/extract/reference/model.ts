/** The shipped reference model, loaded once, on first use. */
import { type ShippedModel, shippedModelPath, shippedTagger } from "../../label/shipped.ts";
import type { CrfTagger } from "../../label/tagger.ts";

const NAME: ShippedModel = "reference";
export const REFERENCE_MODEL_PATH = shippedModelPath(NAME);

export function referenceTagger(): CrfTagger {
  return shippedTagger(NAME);
}
