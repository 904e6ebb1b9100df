/** The citation summary of a query's results (INSPIRE's): works, citations, h-index, works per citation band. */
import type { CitationSummary } from "../../search/summary.ts";

export function SummaryPage(props: { q: string; summary: CitationSummary }) {
  const s = props.summary;
  return (
    <article class="summary">
      <h1>Citation summary{props.q ? <> for “{props.q}”</> : null}</h1>
      {s.total > s.works ? (
        <p class="warning" role="status">
          Of {s.total} works found, the {s.works} most cited are summarised.
        </p>
      ) : null}
      <table class="indicators">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">All citations</th>
            <th scope="col">Without self-citations</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Works</th>
            <td>{s.works}</td>
            <td>{s.works}</td>
          </tr>
          <tr>
            <th scope="row">Citations</th>
            <td>{s.citations}</td>
            <td>{s.citationsWithoutSelf}</td>
          </tr>
          <tr>
            <th scope="row">h-index</th>
            <td>{s.hIndex}</td>
            <td>{s.hIndexWithoutSelf}</td>
          </tr>
          {s.bands.map((b) => (
            <tr>
              <th scope="row">Works cited {b.label} times</th>
              <td>{b.works}</td>
              <td>{b.worksWithoutSelf}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/search?q=${encodeURIComponent(props.q)}`}>Back to the results</a>
      </p>
    </article>
  );
}
