/** Administration pages: signing in, uploads with their progress, corrections of a work, merges and splits. */
import { CSL_TYPES } from "../../formats/csl.ts";
import { CORRECTABLE_FIELDS, type CorrectableField, type Correction } from "../../graph/corrections.ts";
import type { UploadJob } from "../../library/upload-queue.ts";
import type { MergeRecord, WorkDetail } from "../../store/types.ts";
import { FIELD_NAMES, WorkLink } from "./components.tsx";

const date = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16);

export function LoginPage(props: { error?: string; configured: boolean }) {
  if (!props.configured)
    return (
      <article class="admin">
        <h1>Administration is off</h1>
        <p>
          This library is read-only: its operator has not set an admin token (
          <code>citegraph serve --admin-token-file</code> or <code>CITEGRAPH_ADMIN_TOKEN</code>).
        </p>
      </article>
    );
  return (
    <article class="admin">
      <h1>Sign in to administer the library</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/login" class="stacked">
        <label for="editor">Your name (corrections are signed with it)</label>
        <input id="editor" name="editor" autocomplete="name" required maxlength={100} />
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </article>
  );
}

const FINISHED: Record<string, string> = {
  added: "added",
  updated: "updated an existing document",
  unchanged: "unchanged",
  skipped: "skipped",
  failed: "failed",
};

/** The upload jobs, polled by htmx every two seconds while one waits or runs. */
export function UploadTable(props: { jobs: UploadJob[]; busy: boolean }) {
  const done = props.jobs.filter((j) => j.state !== "queued" && j.state !== "running").length;
  return (
    <div
      id="uploads"
      {...(props.busy
        ? { "hx-get": "/admin/uploads", "hx-trigger": "every 2s", "hx-swap": "outerHTML" }
        : {})}
    >
      {props.jobs.length ? (
        <>
          <p aria-live="polite">
            {done} of {props.jobs.length} uploads finished{props.busy ? " — ingesting…" : "."}{" "}
            {props.busy ? <a href="/admin">Refresh</a> : null}
          </p>
          <table class="uploads">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">State</th>
                <th scope="col">Title found / reason</th>
              </tr>
            </thead>
            <tbody>
              {props.jobs.map((j) => (
                <tr class={`state-${j.state}`}>
                  <td>{j.name}</td>
                  <td>{(j.bytes / 1024).toFixed(0)} KB</td>
                  <td>{FINISHED[j.state] ?? j.state}</td>
                  <td>
                    {j.title ? (
                      <a href={`/search?q=${encodeURIComponent(`title:"${j.title}"`)}`}>
                        <bdi>{j.title}</bdi>
                      </a>
                    ) : null}
                    {j.reason ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>No uploads yet.</p>
      )}
    </div>
  );
}

export function AdminPage(props: {
  editor: string;
  jobs: UploadJob[];
  busy: boolean;
  merges: MergeRecord[];
  message?: string;
  uploads: boolean;
}) {
  return (
    <article class="admin">
      <h1>Administration</h1>
      <p>
        Signed in as <strong>{props.editor}</strong>.{" "}
        <form method="post" action="/admin/logout" class="inline">
          <button type="submit">Sign out</button>
        </form>
      </p>
      {props.message ? (
        <p class="notice" role="status">
          {props.message}
        </p>
      ) : null}
      <section>
        <h2>Upload PDFs</h2>
        {props.uploads ? (
          <form method="post" action="/admin/upload" enctype="multipart/form-data" class="stacked">
            <label for="files">
              PDF files (queued for ingest; duplicates of a PDF the library holds are skipped)
            </label>
            <input id="files" name="files" type="file" accept=".pdf,application/pdf" multiple required />
            <button type="submit">Upload</button>
          </form>
        ) : (
          <p>Uploads need a library file on disk.</p>
        )}
        <UploadTable jobs={props.jobs} busy={props.busy} />
      </section>
      <section>
        <h2>Merge two works</h2>
        <p>
          Two works that are one: the second becomes part of the first (its documents, references and
          citations).
        </p>
        <form method="post" action="/admin/merge" class="stacked">
          <label for="into">Work to keep (id)</label>
          <input id="into" name="into" inputmode="numeric" pattern="[0-9]+" required />
          <label for="from">Work to merge into it (id)</label>
          <input id="from" name="from" inputmode="numeric" pattern="[0-9]+" required />
          <label for="merge-note">Note</label>
          <input id="merge-note" name="note" maxlength={2000} />
          <button type="submit">Merge</button>
        </form>
      </section>
      <section>
        <h2>Merge history</h2>
        <MergeList merges={props.merges} />
      </section>
    </article>
  );
}

function MergeList(props: { merges: MergeRecord[] }) {
  if (!props.merges.length) return <p>No merges yet.</p>;
  return (
    <ol class="merges">
      {props.merges.map((m) => (
        <li>
          {date(m.mergedAt)}: “<bdi>{m.fromTitle}</bdi>” (work {m.from}) into{" "}
          <a href={`/works/${m.into}`}>work {m.into}</a>, {m.documents} documents and {m.references}{" "}
          references moved
          {m.note ? (
            <>
              {" — "}
              <bdi>{m.note}</bdi>
            </>
          ) : null}
          .{" "}
          {m.splitAt ? (
            <>
              Split {date(m.splitAt)}: <a href={`/works/${m.splitInto}`}>work {m.splitInto}</a>.
            </>
          ) : (
            <form method="post" action={`/admin/merges/${m.id}/split`} class="inline">
              <button type="submit">Split again</button>
            </form>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The edit form's labels: the pages' names of the fields, with how to write the harder ones. */
const LABELS: Record<CorrectableField, string> = {
  ...(FIELD_NAMES as Record<CorrectableField, string>),
  author: "Authors, in order, one a line (Family, Given; an organisation in braces: {Name})",
  "container-title": "Venue (journal, proceedings, book)",
};

/** The form's values: what the work shows, or what the editor typed when it was refused. */
export type EditValues = Record<CorrectableField | "note", string>;

export function editValues(w: WorkDetail): EditValues {
  const csl = w.csl;
  const values = {} as EditValues;
  for (const f of CORRECTABLE_FIELDS) {
    const v = csl[f];
    values[f] = typeof v === "string" ? v : "";
  }
  values.author = (csl.author ?? [])
    .map((a) =>
      a.family ? [a.family, a.given].filter(Boolean).join(", ") : a.literal ? `{${a.literal}}` : "",
    )
    .join("\n");
  values.issued = w.year ? String(w.year) : "";
  values.note = "";
  return values;
}

export function EditWorkPage(props: { work: WorkDetail; values: EditValues; error?: string }) {
  const w = props.work;
  const v = props.values;
  return (
    <article class="admin">
      <h1>
        Correct <WorkLink id={w.id} title={w.title} />
      </h1>
      <p>
        Only the fields you change are recorded; every correction is kept in the{" "}
        <a href={`/works/${w.id}/history`}>history</a> and can be reverted.
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={`/admin/works/${w.id}/edit`} class="stacked">
        {CORRECTABLE_FIELDS.map((f) => {
          const id = `f-${f}`;
          if (f === "type")
            return (
              <>
                <label for={id}>{LABELS[f]}</label>
                <select id={id} name={f}>
                  {[...new Set([v.type, ...CSL_TYPES])].filter(Boolean).map((t) => (
                    <option value={t} selected={t === v.type}>
                      {t}
                    </option>
                  ))}
                </select>
              </>
            );
          const big = f === "author" || f === "abstract";
          return (
            <>
              <label for={id}>{LABELS[f]}</label>
              {big ? (
                <textarea id={id} name={f} rows={f === "author" ? 5 : 8}>
                  {v[f]}
                </textarea>
              ) : (
                <input id={id} name={f} value={v[f]} />
              )}
            </>
          );
        })}
        <label for="note">Why (a note kept with the correction)</label>
        <input id="note" name="note" value={v.note} maxlength={2000} />
        <button type="submit">Save correction</button>
      </form>
    </article>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (Array.isArray(value))
    return value.map((a) => [a.family, a.given].filter(Boolean).join(", ") || a.literal || "").join("; ");
  if (typeof value === "object" && value && "date-parts" in value)
    return String((value as { "date-parts": unknown[][] })["date-parts"][0]?.[0] ?? "");
  return String(value);
}

export function HistoryPage(props: { work: WorkDetail; corrections: Correction[]; admin: boolean }) {
  const w = props.work;
  return (
    <article class="admin">
      <h1>
        Corrections of <WorkLink id={w.id} title={w.title} />
      </h1>
      {props.admin ? (
        <p>
          <a href={`/admin/works/${w.id}/edit`}>Correct this work</a>
        </p>
      ) : null}
      {props.corrections.length ? (
        <ol class="history" reversed>
          {props.corrections.map((c) => (
            <li class={c.revertedAt ? "reverted" : undefined}>
              <p>
                {date(c.madeAt)} by <strong>{c.editor}</strong>
                {c.note ? (
                  <>
                    {" — "}
                    <bdi>{c.note}</bdi>
                  </>
                ) : null}
                {c.revertedAt ? ` (reverted ${date(c.revertedAt)} by ${c.revertedBy})` : ""}
              </p>
              <table>
                <tbody>
                  {Object.entries(c.fields).map(([f, value]) => (
                    <tr>
                      <th scope="row">{FIELD_NAMES[f] ?? f}</th>
                      <td>
                        <del>
                          <bdi>{show(c.previous[f as CorrectableField])}</bdi>
                        </del>{" "}
                        →{" "}
                        <ins>
                          <bdi>{show(value)}</bdi>
                        </ins>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {props.admin && !c.revertedAt ? (
                <form method="post" action={`/admin/corrections/${c.id}/revert`} class="inline">
                  <button type="submit">Revert</button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>This work's metadata is what its documents say: nobody has corrected it.</p>
      )}
    </article>
  );
}
