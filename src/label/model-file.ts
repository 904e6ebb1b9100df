/**
 * A CRF model as a file: gzip of one JSON object whose arrays are base64 (weights as float32). Written the same
 * way every time, so a rebuilt model is byte-identical to the committed one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import type { CrfModel } from "./crf.ts";

const FORMAT = "citegraph-crf/1";

interface ModelJson {
  format: string;
  labels: string[];
  attributes: string[];
  /** Number of state parameters of each attribute. */
  counts: string;
  paramLabels: string;
  weights: string;
  meta?: Record<string, unknown>;
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

function fromB64<T>(s: string, make: (buf: ArrayBuffer) => T): T {
  const buf = Buffer.from(s, "base64");
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

export function serializeModel(model: CrfModel, meta?: Record<string, unknown>): Buffer {
  // Labels and per-attribute counts are stored in bytes (a count is at most the number of labels).
  if (model.labels.length > 255)
    throw new Error(`a model file holds at most 255 labels, not ${model.labels.length}`);
  const A = model.attributes.size;
  const attributes = new Array<string>(A);
  for (const [f, a] of model.attributes) attributes[a] = f;
  const counts = new Uint8Array(A);
  for (let a = 0; a < A; a++) counts[a] = model.offsets[a + 1] - model.offsets[a];
  const json: ModelJson = {
    format: FORMAT,
    labels: model.labels,
    attributes,
    counts: b64(counts),
    paramLabels: b64(Uint8Array.from(model.paramLabels)),
    weights: b64(Float32Array.from(model.weights)),
    meta,
  };
  return gzipSync(JSON.stringify(json), { level: 9 });
}

export function deserializeModel(
  data: Buffer,
  name = "model",
): { model: CrfModel; meta?: Record<string, unknown> } {
  let json: ModelJson;
  try {
    json = JSON.parse(gunzipSync(data).toString("utf8"));
  } catch (e) {
    throw new Error(`${name}: not a citegraph model file (${(e as Error).message})`);
  }
  if (json.format !== FORMAT) throw new Error(`${name}: unknown model format "${json.format}"`);
  const counts = fromB64(json.counts, (b) => new Uint8Array(b));
  const offsets = new Uint32Array(counts.length + 1);
  for (let a = 0; a < counts.length; a++) offsets[a + 1] = offsets[a] + counts[a];
  const model: CrfModel = {
    labels: json.labels,
    attributes: new Map(json.attributes.map((f, i) => [f, i])),
    offsets,
    paramLabels: Uint16Array.from(fromB64(json.paramLabels, (b) => new Uint8Array(b))),
    weights: Float64Array.from(fromB64(json.weights, (b) => new Float32Array(b))),
  };
  const L = model.labels.length;
  if (
    model.weights.length !== model.paramLabels.length + L * L + 2 * L ||
    offsets[counts.length] !== model.paramLabels.length
  )
    throw new Error(`${name}: inconsistent model file`);
  return { model, meta: json.meta };
}

export function saveModel(path: string, model: CrfModel, meta?: Record<string, unknown>): void {
  writeFileSync(path, serializeModel(model, meta));
}

export function loadModel(path: string): { model: CrfModel; meta?: Record<string, unknown> } {
  return deserializeModel(readFileSync(path), path);
}
