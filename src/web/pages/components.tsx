/**
 * Pieces shared by the result list, the work page and the cited-by list. Text from records (titles, names,
 * venues, snippets) is wrapped in <bdi> wherever it stands inline: a right-to-left override or other bidi
 * control in it then ends with its element and cannot reorder what the page writes after it.
 */
import { posix } from "node:path";
import { plainContext, splitContext } from "../../extract/contexts/contexts.ts";
import type { Snippet } from "../../search/snippet.ts";
import type { AuthorRef, WorkSummary } from "../../store/types.ts";

/** A snippet: text escaped by JSX, hits wrapped in <b> — highlighting never touches raw text. */
export function SnippetView(props: { snippet?: Snippet }) {
  const s = props.snippet;
  if (!s) return null;
  return (
    <p class="snippet">
      {s.cutStart ? "..." : ""}
      <bdi>{s.segments.map((seg) => (seg.hit ? <b>{seg.text}</b> : seg.text))}</bdi>
      {s.cutEnd ? "..." : ""}
    </p>
  );
}

export function Authors(props: { authors: AuthorRef[] }) {
  if (!props.authors.length) return null;
  return (
    <span class="authors">
      {props.authors.map((a, i) => (
        <>
          {i ? ", " : ""}
          <bdi>{a.name}</bdi>
        </>
      ))}
    </span>
  );
}

/**
 * Where a document came from, as the public pages show it: the file's name only. A document's source is the
 * path it was read from on the server (or an upload's folder there), which is none of a reader's business.
 */
export function sourceFileName(source: string): string {
  return posix.basename(source.replace(/\\/g, "/"));
}

/** "Cited by 82 (8 self)", linked to the list it counts. */
export function CitedBy(props: { work: Pick<WorkSummary, "id" | "citedBy" | "selfCited"> }) {
  const w = props.work;
  const text = w.selfCited ? `Cited by ${w.citedBy} (${w.selfCited} self)` : `Cited by ${w.citedBy}`;
  if (!w.citedBy) return <span class="cited-by">{text}</span>;
  return (
    <a class="cited-by" href={`/works/${w.id}/citations`}>
      {text}
    </a>
  );
}

/** "Add to MetaCart": a plain form (works without JavaScript); htmx swaps the button in place. */
export function AddToCart(props: { id: number; inCart: boolean; back: string }) {
  if (props.inCart) {
    return (
      <span class="in-cart" id={`cart-${props.id}`}>
        In MetaCart
      </span>
    );
  }
  return (
    <form
      class="add-to-cart"
      method="post"
      action="/cart/add"
      hx-post="/cart/add"
      hx-target="this"
      hx-swap="outerHTML"
      id={`cart-${props.id}`}
    >
      <input type="hidden" name="id" value={String(props.id)} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="link">
        Add to MetaCart
      </button>
    </form>
  );
}

export function VenueYear(props: { work: Pick<WorkSummary, "venue" | "year"> }) {
  const { venue, year } = props.work;
  if (!venue && year === undefined) return null;
  return (
    <span class="venue">
      {venue ? <bdi>{venue}</bdi> : null}
      {venue && year !== undefined ? ", " : ""}
      {year}
    </span>
  );
}

/** Page links: Previous, a window of numbers around the current page, Next. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  const { page, pages } = props;
  if (pages <= 1) return null;
  const from = Math.max(1, page - 4);
  const to = Math.min(pages, from + 9);
  const numbers: number[] = [];
  for (let p = from; p <= to; p++) numbers.push(p);
  return (
    <nav class="pager" aria-label="Result pages">
      {page > 1 ? (
        <a href={props.href(page - 1)} rel="prev">
          « Previous
        </a>
      ) : null}
      {from > 1 ? <a href={props.href(1)}>1</a> : null}
      {from > 2 ? <span>…</span> : null}
      {numbers.map((p) =>
        p === page ? (
          <span aria-current="page" class="current">
            {p}
          </span>
        ) : (
          <a href={props.href(p)}>{p}</a>
        ),
      )}
      {to < pages ? <span>…</span> : null}
      {page < pages ? (
        <a href={props.href(page + 1)} rel="next">
          Next »
        </a>
      ) : null}
    </nav>
  );
}

/** One work in a list: its title linked, venue and year, "Cited by N". */
/** A work's title linked to its page; isolated, so a right-to-left override in it cannot run past it. */
export function WorkLink(props: { id: number; title: string }) {
  return (
    <a href={`/works/${props.id}`}>
      <bdi>{props.title}</bdi>
    </a>
  );
}

export function WorkLine(props: { work: WorkSummary }) {
  const w = props.work;
  return (
    <li>
      <WorkLink id={w.id} title={w.title} /> <VenueYear work={w} /> · <CitedBy work={w} />
      {w.inLibrary ? null : <span class="badge"> [cited only]</span>}
    </li>
  );
}

/** A citation context, its marker highlighted (built from the escaped parts, never from markup). */
export function Context(props: { text: string }) {
  const parts = splitContext(props.text);
  if (!parts) return <blockquote class="context">{plainContext(props.text)}</blockquote>;
  return (
    <blockquote class="context">
      {parts.before}
      <mark>{parts.marker}</mark>
      {parts.after}
    </blockquote>
  );
}

/** What the pages call the CSL-JSON fields. */
export const FIELD_NAMES: Record<string, string> = {
  title: "Title",
  author: "Authors",
  editor: "Editors",
  issued: "Year",
  "container-title": "Venue",
  "collection-title": "Series",
  type: "Type",
  volume: "Volume",
  issue: "Issue",
  page: "Pages",
  publisher: "Publisher",
  "publisher-place": "Place",
  DOI: "DOI",
  URL: "URL",
  ISBN: "ISBN",
  arxiv: "arXiv",
  abstract: "Abstract",
  keyword: "Keywords",
};
