/** A work's page (kept simple here): metadata, abstract, counts, references, the first citing works. */
import type { Child } from "hono/jsx";
import type { CitingEntry, WorkDetail, WorkSummary } from "../../store/types.ts";
import { AddToCart, CitedBy, Context, Pager, sourceFileName, VenueYear, WorkLink } from "./components.tsx";

/** Works related to this one, with how strongly. */
export type Related = { work: WorkSummary; strength: number }[];

export function WorkPage(props: {
  work: WorkDetail;
  citing: CitingEntry[];
  inCart: boolean;
  back: string;
  coupled: Related;
  coCited: Related;
  /** Other editions of the same title and authors, years apart (kept as works of their own). */
  editions?: WorkSummary[];
  /** An admin is signed in: the work can be corrected. */
  admin?: boolean;
  /** The work's BibTeX, shown in place for copying. */
  bibtex?: string;
  /** Sections shown after the documents: how it is cited, where its record comes from. */
  children?: Child;
}) {
  const w = props.work;
  return (
    <article class="work">
      <h1>
        <bdi>{w.title}</bdi>
      </h1>
      {w.inLibrary ? null : (
        <p class="badge">Cited only: this work is known from references to it; the library holds no copy.</p>
      )}
      <p class="meta">
        {w.authors.map((a, i) => (
          <>
            {i ? ", " : ""}
            <a class="author" href={`/authors/${a.id}`}>
              <bdi>{a.name}</bdi>
            </a>
          </>
        ))}
      </p>
      <p class="meta">
        <VenueYear work={w} />
        {w.doi ? (
          <>
            {" · DOI "}
            <a href={`https://doi.org/${encodeURI(w.doi)}`} rel="noopener noreferrer">
              <bdi>{w.doi}</bdi>
            </a>
          </>
        ) : null}
        {w.arxiv ? (
          <>
            {" · arXiv "}
            <bdi>{w.arxiv}</bdi>
          </>
        ) : null}
      </p>
      <div class="actions">
        <CitedBy work={w} />
        <AddToCart id={w.id} inCart={props.inCart} back={props.back} />
      </div>
      {props.bibtex ? (
        <details class="bibtex">
          <summary>BibTeX</summary>
          <pre>
            <code>{props.bibtex}</code>
          </pre>
        </details>
      ) : null}
      {w.inLibrary ? (
        <p class="edit-links">
          {props.admin ? (
            <>
              <a href={`/admin/works/${w.id}/edit`}>Correct this work</a>
              {" · "}
            </>
          ) : null}
          <a href={`/works/${w.id}/history`}>Corrections</a>
        </p>
      ) : null}
      {w.abstract ? (
        <section>
          <h2>Abstract</h2>
          <p>
            <bdi>{w.abstract}</bdi>
          </p>
        </section>
      ) : null}
      {w.keywords ? (
        <p class="keywords">
          <strong>Keywords:</strong> <bdi>{w.keywords}</bdi>
        </p>
      ) : null}
      {props.citing.length ? (
        <section>
          <h2>
            <CitedBy work={w} />
          </h2>
          <ol>
            {props.citing.map((c) => (
              <li>
                <WorkLink id={c.work.id} title={c.work.title} /> <VenueYear work={c.work} />
                {c.self ? <span class="badge"> (self-citation)</span> : null}
                {c.contexts.map((ctx) => (
                  <Context text={ctx} />
                ))}
              </li>
            ))}
          </ol>
          {w.citedBy > props.citing.length ? (
            <a href={`/works/${w.id}/citations`}>All {w.citedBy} citing works</a>
          ) : null}
        </section>
      ) : null}
      {w.references.length ? (
        <section>
          <h2>References ({w.references.length})</h2>
          <ol class="references">
            {w.references.map((r) => (
              <li>
                {r.work ? (
                  <>
                    {/* A reference printed in the paper is shown as printed, linked to the work it names. */}
                    <WorkLink id={r.work.id} title={r.raw ?? r.work.title} />
                    {r.work.inLibrary ? null : <span class="badge"> [cited only]</span>}
                  </>
                ) : (
                  <span class="unresolved">
                    <bdi>{r.raw ?? r.item?.title ?? r.target ?? "(reference)"}</bdi>
                  </span>
                )}
                {r.ambiguous ? (
                  <span class="badge">
                    {" "}
                    [ambiguous: fits{" "}
                    {r.ambiguous.map((id, i) => (
                      <>
                        {i ? ", " : ""}
                        <a href={`/works/${id}`}>work {id}</a>
                      </>
                    ))}{" "}
                    equally]
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {props.editions?.length ? (
        <section class="editions">
          <h2>Other editions</h2>
          <p class="meta">the same title and authors printed years apart, counted as works of their own</p>
          <ul>
            {props.editions.map((e) => (
              <li>
                <WorkLink id={e.id} title={e.title} /> <VenueYear work={e} /> <CitedBy work={e} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <RelatedList
        title="Active Bibliography"
        note="works that cite the same works as this one, most shared references first"
        related={props.coupled}
      />
      <RelatedList
        title="Co-citation"
        note="works cited together with this one, most often first"
        related={props.coCited}
      />
      {/* Similar works cost a text search over the library: loaded when scrolled to, or on their own page. */}
      <section id="similar" hx-get={`/works/${w.id}/similar`} hx-trigger="revealed" hx-swap="outerHTML">
        <h2>Similar works</h2>
        <p>
          <a href={`/works/${w.id}/similar`}>Works whose words are most like this one's</a>
        </p>
      </section>
      {w.documents.length ? (
        <section>
          <h2>Documents</h2>
          <ul>
            {w.documents.map((d) => (
              <li>
                {d.kind}{" "}
                {d.sourceId ? (
                  <code>
                    <bdi>{d.sourceId}</bdi>
                  </code>
                ) : null}{" "}
                from <bdi>{sourceFileName(d.source)}</bdi>, added{" "}
                {new Date(d.addedAt).toISOString().slice(0, 10)}
                {d.kind === "pdf" ? (
                  <>
                    {" "}
                    — <a href={`/documents/${d.sha1}.pdf`}>Download (cached PDF)</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.children}
    </article>
  );
}

function RelatedList(props: { title: string; note: string; related: Related }) {
  if (!props.related.length) return null;
  return (
    <section>
      <h2>{props.title}</h2>
      <p class="meta">{props.note}</p>
      <ol>
        {props.related.map((r) => (
          <li>
            <WorkLink id={r.work.id} title={r.work.title} /> <VenueYear work={r.work} /> ({r.strength})
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CitationsPage(props: {
  work: WorkDetail;
  items: CitingEntry[];
  total: number;
  page: number;
  perPage: number;
  sort: "citations" | "year";
  withoutSelf: boolean;
}) {
  const w = props.work;
  const pages = Math.ceil(props.total / props.perPage);
  const href = (page: number, sort = props.sort, withoutSelf = props.withoutSelf) =>
    `/works/${w.id}/citations?sort=${sort}&page=${page}${withoutSelf ? "&self=0" : ""}`;
  return (
    <article class="citations">
      <h1>
        Works citing <WorkLink id={w.id} title={w.title} />
      </h1>
      <p class="results-line">
        <CitedBy work={w} /> · Sort by{" "}
        {props.sort === "citations" ? (
          <strong>citations</strong>
        ) : (
          <a href={href(1, "citations")}>citations</a>
        )}{" "}
        · {props.sort === "year" ? <strong>year</strong> : <a href={href(1, "year")}>year</a>} ·{" "}
        {w.selfCited ? (
          props.withoutSelf ? (
            <a href={href(1, props.sort, false)}>Show self-citations</a>
          ) : (
            <a href={href(1, props.sort, true)}>Hide self-citations ({w.selfCited})</a>
          )
        ) : (
          "no self-citations"
        )}
      </p>
      {props.withoutSelf ? (
        <p class="meta">
          {props.total} citing works without the {w.selfCited} that share an author with this work.
        </p>
      ) : null}
      <ol start={(props.page - 1) * props.perPage + 1}>
        {props.items.map((c) => (
          <li>
            <WorkLink id={c.work.id} title={c.work.title} /> — <VenueYear work={c.work} /> ·{" "}
            <CitedBy work={c.work} />
            {c.self ? <span class="badge"> (self-citation)</span> : null}
            {c.contexts.map((ctx) => (
              <Context text={ctx} />
            ))}
          </li>
        ))}
      </ol>
      <Pager page={props.page} pages={pages} href={(p) => href(p)} />
    </article>
  );
}

/** Similar works: a section for the work page (fetched by htmx), or the body of their own page. */
export function SimilarWorks(props: { work: WorkSummary; similar: WorkSummary[]; page?: boolean }) {
  const list = props.similar.length ? (
    <ol>
      {props.similar.map((s) => (
        <li>
          <WorkLink id={s.id} title={s.title} /> <VenueYear work={s} />
        </li>
      ))}
    </ol>
  ) : (
    <p>No other work of the library shares enough words with this one.</p>
  );
  if (props.page)
    return (
      <article>
        <h1>
          Works similar to <WorkLink id={props.work.id} title={props.work.title} />
        </h1>
        <p class="meta">works of the library whose words are most like this one's</p>
        {list}
      </article>
    );
  return (
    <section id="similar">
      <h2>Similar works</h2>
      <p class="meta">works of the library whose words are most like this one's</p>
      {list}
    </section>
  );
}
