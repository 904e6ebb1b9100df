/**
 * Citations per year as a small SVG bar chart (Google Scholar's author chart): every year from the first to the
 * last, empty years shown as gaps, the scale's top and the years at the ends labelled. The numbers are also in a
 * table for screen readers and for reading exactly. Inline SVG with no script or style attribute, so the strict
 * Content-Security-Policy allows it.
 */

/** Years drawn at most: the most recent ones when there are more. */
const MAX_YEARS = 60;
const AXIS = 14;
/** Room right of the bars for the scale's top. */
const SCALE = 30;

export interface YearCount {
  year: number;
  count: number;
}

/**
 * The bars themselves: one a year from the first to the last (an empty year is a gap), each with a tooltip
 * (its <title>: year and count), the first and last years under the axis and the highest count beside the
 * top. With `href`, each year that has a bar links to it (the result page's year facet narrows the search).
 */
export function YearBars(props: {
  data: YearCount[];
  /** What is counted, for the image's label: "Citations per year". */
  label: string;
  class: string;
  height: number;
  /** Room for the bars, in pixels: a bar is 3 to 18 wide. */
  width: number;
  href?: (year: number) => string;
}) {
  const known = props.data.filter((d) => Number.isInteger(d.year));
  if (!known.length) return null;
  const last = Math.max(...known.map((d) => d.year));
  const first = Math.max(Math.min(...known.map((d) => d.year)), last - MAX_YEARS + 1);
  const byYear = new Map(known.map((d) => [d.year, d.count]));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...years.map((y) => byYear.get(y) ?? 0));
  const bar = Math.max(3, Math.min(18, Math.floor(props.width / years.length)));
  const top = props.height;
  const width = years.length * bar + SCALE;
  return (
    <svg
      class={props.class}
      width={width}
      height={top + AXIS}
      viewBox={`0 0 ${width} ${top + AXIS}`}
      role="img"
      aria-label={`${props.label}, ${first} to ${last}; the highest, ${max}`}
    >
      <text x={years.length * bar + 4} y={10} class="axis">
        {max}
      </text>
      <line x1={0} y1={top} x2={years.length * bar} y2={top} class="axis-line" />
      {years.map((y, i) => {
        const n = byYear.get(y) ?? 0;
        const h = n ? Math.max(2, Math.round((n / max) * (top - 4))) : 0;
        const rect = (
          <rect x={i * bar} y={top - h} width={bar - 1} height={h}>
            <title>{`${y}: ${n}`}</title>
          </rect>
        );
        return props.href && n ? (
          <a href={props.href(y)} aria-label={`${y}: ${n}`}>
            {rect}
          </a>
        ) : (
          rect
        );
      })}
      <text x={0} y={top + AXIS - 2} class="axis">
        {first}
      </text>
      {years.length > 1 ? (
        <text x={years.length * bar} y={top + AXIS - 2} text-anchor="end" class="axis">
          {last}
        </text>
      ) : null}
    </svg>
  );
}

/** The bars with the numbers as a table beside them: an author's citations per year. */
export function YearBarChart(props: { data: YearCount[]; label: string }) {
  const known = props.data.filter((d) => Number.isInteger(d.year));
  if (!known.length) return null;
  const first = Math.max(...known.map((d) => d.year)) - MAX_YEARS + 1;
  return (
    <figure class="year-chart">
      <YearBars data={known} label={props.label} class="chart" height={90} width={360} />
      <details>
        <summary>Per year</summary>
        <table class="per-year">
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">{props.label}</th>
            </tr>
          </thead>
          <tbody>
            {known
              .filter((d) => d.year >= first)
              .map((d) => (
                <tr>
                  <td>{d.year}</td>
                  <td>{d.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
