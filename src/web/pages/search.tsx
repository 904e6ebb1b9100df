/** The result list, as CiteSeerX shows it: "Results 1 - 10 of 51", hits, sort, facets, pages. */
import { resultsLine, type SearchResult } from "../../search/search.ts";
import type { FacetValue, SortOrder } from "../../store/types.ts";
import { YearBars } from "./chart.tsx";
import { AddToCart, Authors, CitedBy, Pager, SnippetView, VenueYear, WorkLink } from "./components.tsx";

export interface SearchParams {
  q: string;
  sort: SortOrder;
  page: number;
  includeCitations: boolean;
}

const SORT_LABELS: Record<SortOrder, string> = {
  relevance: "Relevance",
  citations: "Citations",
  year: "Year (newest first)",
  "year-asc": "Year (oldest first)",
  recent: "Recently added",
};

export function searchHref(p: Partial<SearchParams> & { q: string }): string {
  const u = new URLSearchParams({ q: p.q });
  if (p.sort && p.sort !== "relevance") u.set("sort", p.sort);
  if (p.page && p.page > 1) u.set("page", String(p.page));
  if (p.includeCitations) u.set("include_citations", "1");
  return `/search?${u.toString()}`;
}

/** A facet value added to the query as a filter: `venue:"…"`; quotes in the value would end the phrase early. */
function refine(q: string, field: string, value: string): string {
  const v = field === "year" ? value : `"${value.replace(/"/g, " ")}"`;
  return `${q.trim()} ${field}:${v}`.trim();
}

function FacetList(props: { title: string; field: string; values: FacetValue[]; params: SearchParams }) {
  if (!props.values.length) return null;
  return (
    <section class="facet">
      <h2>{props.title}</h2>
      <ul>
        {props.values.map((v) => (
          <li>
            <a
              href={searchHref({ ...props.params, q: refine(props.params.q, props.field, v.value), page: 1 })}
            >
              <bdi>{v.value}</bdi>
            </a>{" "}
            <span class="count">({v.count})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The year facet as a small histogram (years without results are gaps), labelled with its first and last
 * years and its highest count; each bar links to the search narrowed to its year.
 */
function YearHistogram(props: { values: FacetValue[]; params: SearchParams }) {
  const data = props.values.map((v) => ({ year: Number(v.value), count: v.count }));
  if (!data.some((d) => Number.isInteger(d.year))) return null;
  return (
    <section class="facet">
      <h2>Year</h2>
      <YearBars
        data={data}
        label="Results per year"
        class="chart histogram"
        height={60}
        width={200}
        href={(year) =>
          searchHref({ ...props.params, q: refine(props.params.q, "year", String(year)), page: 1 })
        }
      />
    </section>
  );
}

export function SearchPage(props: {
  result: SearchResult;
  params: SearchParams;
  cart: Set<number>;
  back: string;
}) {
  const { result: r, params } = props;
  return (
    <div class="results-page">
      <div class="results">
        {r.warnings.map((w) => (
          <p class="warning" role="status">
            {w}
          </p>
        ))}
        <div class="results-head">
          <p class="results-line">{resultsLine(r)}</p>
          <a class="feed" href={`/feeds/search.atom?q=${encodeURIComponent(params.q)}`}>
            Atom feed
          </a>{" "}
          <a class="summary-link" href={`/summary?q=${encodeURIComponent(params.q)}`}>
            Citation summary
          </a>
          <form method="get" action="/search" class="sort">
            <input type="hidden" name="q" value={params.q} />
            {params.includeCitations ? <input type="hidden" name="include_citations" value="1" /> : null}
            <label for="sort">Sort by</label>
            <select id="sort" name="sort">
              {(Object.keys(SORT_LABELS) as SortOrder[]).map((s) => (
                <option value={s} selected={s === params.sort}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
            <button type="submit">Sort</button>
          </form>
          <a
            class="toggle-citations"
            href={searchHref({ ...params, page: 1, includeCitations: !params.includeCitations })}
          >
            {params.includeCitations ? "Library works only" : "Include citations"}
          </a>
        </div>
        <ol class="hits" start={r.first || 1}>
          {r.hits.map((h) => (
            <li class="hit">
              <h3>
                <WorkLink id={h.id} title={h.title} />
                {h.inLibrary ? null : <span class="badge"> [cited only]</span>}
              </h3>
              <p class="meta">
                <Authors authors={h.authors} />
                {h.authors.length && (h.venue || h.year) ? " — " : ""}
                <VenueYear work={h} />
              </p>
              <SnippetView snippet={h.snippet} />
              <div class="actions">
                {h.abstract ? (
                  <details class="abstract">
                    <summary>Abstract</summary>
                    <p>
                      <bdi>{h.abstract}</bdi>
                    </p>
                  </details>
                ) : null}
                <CitedBy work={h} />
                <AddToCart id={h.id} inCart={props.cart.has(h.id)} back={props.back} />
              </div>
            </li>
          ))}
        </ol>
        <Pager page={r.page} pages={r.pages} href={(page) => searchHref({ ...params, page })} />
      </div>
      {r.facets ? (
        <aside class="facets" aria-label="Refine the results">
          <YearHistogram values={r.facets.year} params={params} />
          <FacetList title="Venue" field="venue" values={r.facets.venue} params={params} />
          <FacetList title="Author" field="author" values={r.facets.author} params={params} />
        </aside>
      ) : null}
    </div>
  );
}
