/**
 * The models that ship in models/<name>/model.crf.gz, each loaded once, on first use: the registry every
 * extract stage gets its tagger from (GROBID's habit: one model name for folder, file and trainer).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModel } from "./model-file.ts";
import { CrfTagger } from "./tagger.ts";

export type ShippedModel = "reference" | "header";

const TRAIN_COMMAND: Record<ShippedModel, string> = {
  reference: "npm run train:references",
  header: "npm run train:header",
};

export function shippedModelPath(name: ShippedModel): string {
  return fileURLToPath(new URL(`../../models/${name}/model.crf.gz`, import.meta.url));
}

const loaded = new Map<ShippedModel, CrfTagger>();

export function shippedTagger(name: ShippedModel): CrfTagger {
  let tagger = loaded.get(name);
  if (!tagger) {
    const path = shippedModelPath(name);
    if (!existsSync(path))
      throw new Error(`${path}: the ${name} model is missing (${TRAIN_COMMAND[name]} builds it)`);
    tagger = new CrfTagger(loadModel(path).model);
    loaded.set(name, tagger);
  }
  return tagger;
}
