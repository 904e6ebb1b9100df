/** The shipped match model (models/matching/model.json), loaded once, on first use. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MatchModel } from "./score.ts";

export const MATCH_MODEL_PATH = fileURLToPath(new URL("../../models/matching/model.json", import.meta.url));

let loaded: MatchModel | undefined;

export function matchModel(): MatchModel {
  if (!loaded) {
    if (!existsSync(MATCH_MODEL_PATH))
      throw new Error(`${MATCH_MODEL_PATH}: the match model is missing (npm run train:matching builds it)`);
    const file = JSON.parse(readFileSync(MATCH_MODEL_PATH, "utf8")) as { model: MatchModel };
    loaded = file.model;
  }
  return loaded;
}
