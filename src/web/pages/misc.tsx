/** The home page, the query help, the MetaCart page and error pages. */
import { type BibliographyStyle, type Run, STYLE_NAMES } from "../../formats/bibliography.ts";
import type { LibraryStats, WorkSummary } from "../../store/types.ts";
import { Authors, VenueYear, WorkLink } from "./components.tsx";
import { SearchForm } from "./layout.tsx";

export function HomePage(props: { stats: LibraryStats }) {
  const s = props.stats;
  return (
    <section class="home">
      <h1>Search the library</h1>
      <SearchForm q="" large />
      <p>
        {s.worksInLibrary.toLocaleString("en-US")} works in the library,{" "}
        {s.worksCitedOnly.toLocaleString("en-US")} known from citations, {s.citations.toLocaleString("en-US")}{" "}
        citations. <a href="/help">How to write a query</a>.
      </p>
    </section>
  );
}

export const QUERY_HELP: [string, string][] = [
  ["virtual machine", "works with both words (stemmed: machines, machine)"],
  ['"virtual machine"', "the exact phrase, not stemmed"],
  ["title:compiler", "a word in the title; also author:, venue:, abstract:, text: (full text)"],
  ['author:"Grace Holloway"', "a phrase in one field"],
  ["year:2004", "published in 2004; year:2004..2008 a range, year:..1999 or year:2010.. open ranges"],
  ["jit OR interpreter", "either word (operators in capitals)"],
  ["garbage -java", 'without a word; also NOT java, -"a phrase"'],
  ["(jit OR compiler) AND java", "parentheses group"],
  ["virtual*", "every word starting with virtual; * alone (or an empty box) lists every work"],
];

export function HelpPage() {
  return (
    <article class="help">
      <h1>Query help</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Query</th>
            <th scope="col">Finds</th>
          </tr>
        </thead>
        <tbody>
          {QUERY_HELP.map(([q, what]) => (
            <tr>
              <td>
                <a href={`/search?q=${encodeURIComponent(q)}`}>
                  <code>{q}</code>
                </a>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Matching ignores case and accents (Müller = Muller). Ranking is BM25 over title (×4), abstract (×2),
        authors (×2), venue and full text, with a mild boost for much-cited works. Works known only from
        references are left out unless you ask to include citations.
      </p>
    </article>
  );
}

export function CartPage(props: { works: WorkSummary[] }) {
  return (
    <article class="cart">
      <h1>MetaCart ({props.works.length})</h1>
      {props.works.length ? (
        <>
          <p>
            Export: <a href="/cart/export?format=bibtex">BibTeX</a> ·{" "}
            <a href="/cart/export?format=ris">RIS</a> · <a href="/cart/export?format=endnote">EndNote</a> ·{" "}
            <a href="/cart/export?format=csl-json">CSL-JSON</a> ·{" "}
            <a href="/cart/export?format=jsonl">JSON Lines</a>
          </p>
          <p>
            Bibliography:{" "}
            {(Object.keys(STYLE_NAMES) as BibliographyStyle[]).map((style, i) => (
              <>
                {i ? " · " : ""}
                <a href={`/cart/bibliography?style=${style}`}>{STYLE_NAMES[style]}</a>
              </>
            ))}
          </p>
          <ol>
            {props.works.map((w) => (
              <li>
                <WorkLink id={w.id} title={w.title} /> — <Authors authors={w.authors} />{" "}
                <VenueYear work={w} />
                <form method="post" action="/cart/remove" class="inline">
                  <input type="hidden" name="id" value={String(w.id)} />
                  <button type="submit" class="link">
                    Remove
                  </button>
                </form>
              </li>
            ))}
          </ol>
          <form method="post" action="/cart/clear">
            <button type="submit">Empty the MetaCart</button>
          </form>
        </>
      ) : (
        <p>The MetaCart is empty. Use "Add to MetaCart" on a result list or a work's page.</p>
      )}
    </article>
  );
}

/** The MetaCart as a formatted bibliography, ready to copy, with the style's own italics. */
export function BibliographyPage(props: { style: BibliographyStyle; entries: Run[][] }) {
  return (
    <article class="bibliography">
      <h1>MetaCart — {STYLE_NAMES[props.style]}</h1>
      <p>
        {(Object.keys(STYLE_NAMES) as BibliographyStyle[])
          .filter((s) => s !== props.style)
          .map((s, i) => (
            <>
              {i ? " · " : ""}
              <a href={`/cart/bibliography?style=${s}`}>{STYLE_NAMES[s]}</a>
            </>
          ))}{" "}
        · <a href={`/cart/export?format=${props.style}`}>Download as text</a> ·{" "}
        <a href="/cart">Back to the MetaCart</a>
      </p>
      {props.entries.length ? (
        <ul class="bib-entries">
          {props.entries.map((runs) => (
            <li>
              {runs.map((r) => {
                const text = r.bold ? <b>{r.text}</b> : r.text;
                return r.italic ? <i>{text}</i> : text;
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>The MetaCart is empty.</p>
      )}
    </article>
  );
}

/** An error, with a search box: holding the query that failed, when one did, to be mended in place. */
export function ErrorPage(props: { title: string; message: string; q?: string }) {
  return (
    <article class="error">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <SearchForm q={props.q ?? ""} id="q-error" />
    </article>
  );
}
