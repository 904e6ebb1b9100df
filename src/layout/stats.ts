/** Small statistics of a page's type, shared by the layout and segmentation stages. */

/**
 * The value with the largest total weight; among equals, the one seen first. `fallback` when there is none.
 * @example mostCommon([[10, 5], [9, 2], [10, 1]], 0) // 10
 */
export function mostCommon(entries: Iterable<[value: number, weight: number]>, fallback: number): number {
  const totals = new Map<number, number>();
  for (const [v, w] of entries) totals.set(v, (totals.get(v) ?? 0) + w);
  let best = fallback;
  let bestWeight = 0;
  for (const [v, w] of totals)
    if (w > bestWeight) {
      best = v;
      bestWeight = w;
    }
  return best;
}
