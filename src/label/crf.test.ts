import assert from "node:assert/strict";
import { test } from "node:test";
import { forwardBackward, pathScore, stateScores, viterbi } from "./crf.ts";
import { minimize } from "./lbfgs.ts";
import { deserializeModel, serializeModel } from "./model-file.ts";
import { CrfTagger } from "./tagger.ts";
import { tokenize } from "./tokenize.ts";
import { type LabelledSequence, layoutModel, objectiveFor, train } from "./train.ts";

/** A language where the label is readable from the word, and "x" takes the label of the word before it. */
function toyData(): LabelledSequence[] {
  const sentences = [
    ["a", "x", "b", "x"],
    ["b", "x", "a"],
    ["a", "b", "x", "a", "x"],
    ["b", "a", "x", "b"],
  ];
  return sentences.map((words) => {
    const labels: string[] = [];
    for (const w of words) labels.push(w === "x" ? labels[labels.length - 1] : w.toUpperCase());
    return { features: words.map((w, i) => [`w=${w}`, `prev=${words[i - 1] ?? "^"}`, "bias"]), labels };
  });
}

/** Every labelling of a short sequence, for brute-force checks. */
function* allLabellings(L: number, T: number): Generator<number[]> {
  const y = new Array<number>(T).fill(0);
  for (;;) {
    yield [...y];
    let i = T - 1;
    while (i >= 0 && ++y[i] === L) y[i--] = 0;
    if (i < 0) return;
  }
}

function randomWeights(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31 - 0.5) * 2;
  });
}

test("tokenize keeps offsets into the original string", () => {
  const text = "Smith, J.  (2004) Müller–Lee D57";
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ["Smith", ",", "J", ".", "(", "2004", ")", "Müller", "–", "Lee", "D", "57"],
  );
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(
    tokens.map((t) => t.spaceBefore),
    [true, false, true, false, true, false, false, true, false, false, true, false],
  );
  assert.equal(tokenize("a ".repeat(10_000), 500).length, 500);
});

test("forward-backward: log Z and marginals equal brute-force enumeration; Viterbi finds the best path", () => {
  const data = toyData();
  const model = layoutModel(data, 1);
  model.weights = randomWeights(model.weights.length, 7);
  const L = model.labels.length;
  const features = [["w=a", "bias"], ["w=x", "bias"], ["w=b", "bias"], ["bias"]];
  const seq = { length: 4, attrStart: new Uint32Array(5), attrIds: new Int32Array(0) };
  const ids: number[] = [];
  features.forEach((fs, t) => {
    for (const f of fs) ids.push(model.attributes.get(f)!);
    seq.attrStart[t + 1] = ids.length;
  });
  seq.attrIds = Int32Array.from(ids);
  const scores = stateScores(model, seq);
  let z = 0;
  let best = Number.NEGATIVE_INFINITY;
  let bestPath: number[] = [];
  const marg = new Float64Array(4 * L);
  const paths = [...allLabellings(L, 4)];
  for (const y of paths) {
    const s = pathScore(model, scores, y);
    z += Math.exp(s);
    if (s > best) {
      best = s;
      bestPath = y;
    }
  }
  for (const y of paths) {
    const p = Math.exp(pathScore(model, scores, y)) / z;
    y.forEach((label, t) => {
      marg[t * L + label] += p;
    });
  }
  const fb = forwardBackward(model, scores, 4, false);
  assert.ok(Math.abs(fb.logZ - Math.log(z)) < 1e-9, `${fb.logZ} vs ${Math.log(z)}`);
  for (let i = 0; i < marg.length; i++) assert.ok(Math.abs(fb.marginals[i] - marg[i]) < 1e-9);
  assert.deepEqual([...viterbi(model, scores, 4)], bestPath);
});

test("the gradient agrees with finite differences", () => {
  const data = toyData();
  const model = layoutModel(data, 1);
  const f = objectiveFor(model, data, 0.5);
  const w = randomWeights(model.weights.length, 3);
  const grad = new Float64Array(w.length);
  f(w, grad);
  const h = 1e-6;
  const scratch = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const plus = Float64Array.from(w);
    const minus = Float64Array.from(w);
    plus[i] += h;
    minus[i] -= h;
    const numeric = (f(plus, scratch) - f(minus, scratch)) / (2 * h);
    assert.ok(
      Math.abs(numeric - grad[i]) < 1e-5 * Math.max(1, Math.abs(numeric)),
      `param ${i}: ${numeric} vs ${grad[i]}`,
    );
  }
});

test("L-BFGS finds the minimum of a quadratic whose optimum is known", () => {
  // f(x) = Σ (i+1)(x_i - i)², minimum at x_i = i.
  const x = minimize(
    (v, g) => {
      let s = 0;
      for (let i = 0; i < v.length; i++) {
        s += (i + 1) * (v[i] - i) ** 2;
        g[i] = 2 * (i + 1) * (v[i] - i);
      }
      return s;
    },
    new Float64Array(10),
    { epsilon: 1e-10, delta: 0 },
  );
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(x[i] - i) < 1e-4, `x[${i}] = ${x[i]}`);
});

test("training learns the toy language, and reproduces its training data", () => {
  const data = toyData();
  const model = train(data, { c2: 0.01 });
  const tagger = new CrfTagger(model);
  for (const seq of data) assert.deepEqual(tagger.tag(seq.features).labels, seq.labels);
  const words = ["b", "x", "a", "x", "b"];
  const out = tagger.tag(words.map((w, i) => [`w=${w}`, `prev=${words[i - 1] ?? "^"}`, "bias"]));
  assert.deepEqual(out.labels, ["B", "B", "A", "A", "B"]);
  for (const c of out.confidence) assert.ok(c > 0.5 && c <= 1 + 1e-12);
  // Unknown features are ignored, not an error.
  assert.equal(tagger.tag([["w=unseen"]]).labels.length, 1);
  assert.deepEqual(tagger.tag([]), { labels: [], confidence: [] });
});

test("training is deterministic, and a saved model loads back to the same tagger", () => {
  const a = serializeModel(train(toyData(), { c2: 0.1 }));
  const b = serializeModel(train(toyData(), { c2: 0.1 }));
  assert.ok(a.equals(b), "two trainings gave different files");
  const { model } = deserializeModel(a);
  const again = serializeModel(model);
  assert.ok(again.equals(a), "save ∘ load ∘ save is not the identity");
  const tagger = new CrfTagger(model);
  assert.deepEqual(tagger.tag([["w=a"], ["w=x"]]).labels, ["A", "A"]);
  assert.throws(
    () => deserializeModel(Buffer.from("nonsense"), "bad.crf"),
    /bad\.crf: not a citegraph model/,
  );
});
