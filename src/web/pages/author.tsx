/** An author's page: names, indicators, works by citations, citations per year, co-authors. */
import type { AuthorDetail } from "../../store/types.ts";
import { YearBarChart } from "./chart.tsx";
import { WorkLine } from "./components.tsx";

/** Works listed on the page; the indicators count them all. */
const SHOWN_WORKS = 100;

export function AuthorPage(props: { author: AuthorDetail; sort: "citations" | "year" }) {
  const a = props.author;
  // Newest first by year (works without one last), ties by citations; the store gives them most cited first.
  const works =
    props.sort === "year"
      ? [...a.works].sort((x, y) => (y.year ?? -1) - (x.year ?? -1) || y.citedBy - x.citedBy)
      : a.works;
  const others = a.variants.filter((v) => v !== a.name);
  return (
    <article class="author-page">
      <h1>
        <bdi>{a.name}</bdi>
      </h1>
      {others.length ? (
        <p class="meta">
          Also written:{" "}
          {others.map((v, i) => (
            <>
              {i ? "; " : ""}
              <bdi>{v}</bdi>
            </>
          ))}
        </p>
      ) : null}
      {a.affiliations.length ? (
        <p class="meta">
          Affiliations:{" "}
          {a.affiliations.map((x, i) => (
            <>
              {i ? "; " : ""}
              <bdi>{x.name}</bdi> ({x.works} {x.works === 1 ? "work" : "works"})
            </>
          ))}
        </p>
      ) : null}
      <table class="indicators">
        <tbody>
          <tr>
            <th scope="row">Works</th>
            <td>{a.works.length}</td>
          </tr>
          <tr>
            <th scope="row">Citations</th>
            <td>
              {a.citations} ({a.selfCitations} self)
            </td>
          </tr>
          <tr>
            <th scope="row">h-index</th>
            <td>
              {a.hIndex} ({a.hIndexWithoutSelf} without self-citations)
            </td>
          </tr>
          <tr>
            <th scope="row">i10-index</th>
            <td>{a.i10Index}</td>
          </tr>
        </tbody>
      </table>
      {a.citationsPerYear.length ? (
        <section>
          <h2>Citations per year</h2>
          <YearBarChart
            data={a.citationsPerYear.map((y) => ({ year: y.year, count: y.citations }))}
            label="Citations per year"
          />
        </section>
      ) : null}
      <section>
        <h2>Works</h2>
        <p class="meta">
          Sorted by{" "}
          {props.sort === "citations" ? (
            <strong>citations</strong>
          ) : (
            <a href={`/authors/${a.id}`}>citations</a>
          )}{" "}
          · {props.sort === "year" ? <strong>year</strong> : <a href={`/authors/${a.id}?sort=year`}>year</a>}
          {a.works.length > SHOWN_WORKS ? ` — the first ${SHOWN_WORKS} of ${a.works.length}` : ""}
        </p>
        <ol>
          {works.slice(0, SHOWN_WORKS).map((w) => (
            <WorkLine work={w} />
          ))}
        </ol>
      </section>
      {a.coAuthors.length ? (
        <section>
          <h2>Co-authors</h2>
          <ul>
            {a.coAuthors.map((c) => (
              <li>
                <a href={`/authors/${c.id}`}>
                  <bdi>{c.name}</bdi>
                </a>{" "}
                ({c.works} {c.works === 1 ? "work" : "works"})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
