/** Statistics (the most cited works, authors and venues, overall or of one year) and a venue's page. */
import type { LibraryLeaders, RankedEntity, VenueDetail } from "../../store/types.ts";
import { WorkLine } from "./components.tsx";

function Ranked(props: { title: string; entries: RankedEntity[]; href: (id: number) => string }) {
  if (!props.entries.length) return null;
  return (
    <section>
      <h2>{props.title}</h2>
      <ol>
        {props.entries.map((e) => (
          <li>
            <a href={props.href(e.id)}>
              <bdi>{e.name}</bdi>
            </a>{" "}
            — {e.citations} citations, {e.works} {e.works === 1 ? "work" : "works"}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StatsPage(props: { leaders: LibraryLeaders; year?: number }) {
  const l = props.leaders;
  return (
    <article class="stats">
      <h1>Most cited{props.year ? ` works of ${props.year}` : ""}</h1>
      <form method="get" action="/stats">
        <label for="year">Year of publication</label>{" "}
        <input
          id="year"
          name="year"
          type="number"
          min="1000"
          max="2999"
          value={props.year ? String(props.year) : ""}
        />{" "}
        <button type="submit">Show</button>
      </form>
      {l.works.length ? (
        <section>
          <h2>Works</h2>
          <ol>
            {l.works.map((w) => (
              <WorkLine work={w} />
            ))}
          </ol>
        </section>
      ) : (
        <p>No works.</p>
      )}
      <Ranked title="Authors" entries={l.authors} href={(id) => `/authors/${id}`} />
      <Ranked title="Venues" entries={l.venues} href={(id) => `/venues/${id}`} />
    </article>
  );
}

export function VenuePage(props: { venue: VenueDetail }) {
  const v = props.venue;
  return (
    <article class="venue">
      <h1>
        <bdi>{v.name}</bdi>
      </h1>
      <p class="meta">
        {v.works} {v.works === 1 ? "work" : "works"} in the library, cited {v.citations} times
      </p>
      <ol>
        {v.top.map((w) => (
          <WorkLine work={w} />
        ))}
      </ol>
    </article>
  );
}
