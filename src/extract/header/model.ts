/** The shipped header model, loaded once, on first use. */
import { type ShippedModel, shippedModelPath, shippedTagger } from "../../label/shipped.ts";
import type { CrfTagger } from "../../label/tagger.ts";

const NAME: ShippedModel = "header";
export const HEADER_MODEL_PATH = shippedModelPath(NAME);

export function headerTagger(): CrfTagger {
  return shippedTagger(NAME);
}
