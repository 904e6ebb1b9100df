/**
 * Citations per year as a small SVG bar chart (Google Scholar's author chart): every year from the first to the
 * last, empty years shown as gaps, the scale's top and the years at the ends labelled. The numbers are also in a
 * table for screen readers and for reading exactly. Inline SVG with no script or style attribute, so the strict
 * Content-Security-Policy allows it.
 */

/** Years drawn at most: the most recent ones when there are more. */
const MAX_YEARS = 60;
const HEIGHT = 90;
const AXIS = 14;

export function YearBarChart(props: { data: { year: number; count: number }[]; label: string }) {
  const known = props.data.filter((d) => Number.isInteger(d.year));
  if (!known.length) return null;
  const last = Math.max(...known.map((d) => d.year));
  const first = Math.max(Math.min(...known.map((d) => d.year)), last - MAX_YEARS + 1);
  const byYear = new Map(known.map((d) => [d.year, d.count]));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...years.map((y) => byYear.get(y) ?? 0));
  const bar = Math.max(4, Math.min(18, Math.floor(360 / years.length)));
  const width = years.length * bar + 30;
  return (
    <figure class="year-chart">
      <svg
        class="chart"
        width={width}
        height={HEIGHT + AXIS}
        viewBox={`0 0 ${width} ${HEIGHT + AXIS}`}
        role="img"
        aria-label={`${props.label}, ${first} to ${last}; the highest, ${max}`}
      >
        <text x={years.length * bar + 4} y={10} class="axis">
          {max}
        </text>
        <line x1={0} y1={HEIGHT} x2={years.length * bar} y2={HEIGHT} class="axis-line" />
        {years.map((y, i) => {
          const n = byYear.get(y) ?? 0;
          const h = n ? Math.max(2, Math.round((n / max) * (HEIGHT - 4))) : 0;
          return (
            <rect x={i * bar} y={HEIGHT - h} width={bar - 1} height={h}>
              <title>{`${y}: ${n}`}</title>
            </rect>
          );
        })}
        <text x={0} y={HEIGHT + AXIS - 2} class="axis">
          {first}
        </text>
        {years.length > 1 ? (
          <text x={years.length * bar} y={HEIGHT + AXIS - 2} text-anchor="end" class="axis">
            {last}
          </text>
        ) : null}
      </svg>
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
