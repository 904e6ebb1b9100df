/**
 * Limited-memory BFGS (Nocedal 1980) with a backtracking line search on the Armijo condition: minimises a smooth
 * function given its value and gradient. Deterministic: the same start and function give the same path, which
 * is what lets a committed model be rebuilt bit for bit.
 */

export interface LbfgsOptions {
  /** Pairs of corrections kept. */
  memory?: number;
  maxIterations?: number;
  /** Stop when the value improved by less than this fraction over the last `past` iterations. */
  delta?: number;
  past?: number;
  /** Stop when |gradient| / max(1, |x|) falls below this. */
  epsilon?: number;
  onIteration?: (info: {
    iteration: number;
    value: number;
    gradientNorm: number;
    evaluations: number;
  }) => void;
}

/** Fills `grad` with the gradient at x and returns the value there. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function minimize(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): Float64Array {
  const m = options.memory ?? 6;
  const maxIterations = options.maxIterations ?? 200;
  const delta = options.delta ?? 1e-5;
  const past = options.past ?? 10;
  const epsilon = options.epsilon ?? 1e-5;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const history: number[] = [fx];
  const d = new Float64Array(n);
  const alpha = new Float64Array(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // Direction: d = -H g by the two-loop recursion.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(s[j], d);
      const yj = y[j];
      for (let i = 0; i < n; i++) d[i] -= alpha[j] * yj[i];
    }
    if (s.length) {
      const last = s.length - 1;
      const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j] * dot(y[j], d);
      const sj = s[j];
      for (let i = 0; i < n; i++) d[i] += (alpha[j] - beta) * sj[i];
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    let step = s.length ? 1 : 1 / Math.sqrt(dot(g, g));
    let fNew = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = f(xNew, gNew);
      evaluations++;
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break; // no progress possible along any tried step
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i] - x[i];
      yk[i] = gNew[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    history.push(fx);
    const gradientNorm = Math.sqrt(dot(g, g));
    options.onIteration?.({ iteration, value: fx, gradientNorm, evaluations });
    if (gradientNorm / Math.max(1, Math.sqrt(dot(x, x))) < epsilon) break;
    if (history.length > past) {
      const before = history[history.length - 1 - past];
      if ((before - fx) / Math.max(1, Math.abs(fx)) < delta) break;
    }
  }
  return x;
}
