/**
 * Where a work's record comes from: for each field shown, the documents (or, for a work only cited, the
 * references) that give that value, or the correction that set it; and for a work only cited, how the papers
 * citing it print it.
 */
import type { FieldProvenance } from "../../graph/canonical.ts";
import type { Correction } from "../../graph/corrections.ts";
import type { MetadataSourceEntry, WorkDetail } from "../../store/types.ts";
import { FIELD_NAMES, sourceFileName, WorkLink } from "./components.tsx";

/** References to a cited-only work shown as printed. */
const AS_CITED_SHOWN = 10;

/** A field's value as shown: its parts (one a name for authors), each isolated from the others (<bdi>). */
function shown(w: WorkDetail, field: string): string[] {
  const v = w.csl[field];
  if (field === "issued") return w.year ? [String(w.year)] : [];
  if (Array.isArray(v)) return v.map((n) => [n.given, n.family].filter(Boolean).join(" ") || n.literal || "");
  const s = typeof v === "string" ? v : "";
  return s ? [s.length > 120 ? `${s.slice(0, 117)}...` : s] : [];
}

/** Texts from records side by side, each in its own <bdi>: a bidi control in one cannot reorder the next. */
function Isolated(props: { parts: string[]; separator: string }) {
  return (
    <>
      {props.parts.map((p, i) => (
        <>
          {i ? props.separator : ""}
          <bdi>{p}</bdi>
        </>
      ))}
    </>
  );
}

function sourceLabel(s: MetadataSourceEntry): string {
  if (s.document)
    return `${s.document.kind === "pdf" ? "PDF" : "record"} ${s.document.sourceId ?? sourceFileName(s.document.source)}`;
  return "a reference";
}

export function ProvenanceSection(props: {
  work: WorkDetail;
  fields: FieldProvenance[];
  sources: MetadataSourceEntry[];
  corrections: Correction[];
}) {
  const { work: w, sources } = props;
  if (!props.fields.length) return null;
  const documents = sources.filter((s) => s.kind === "document").length;
  const from = (f: FieldProvenance) => {
    if (f.correction !== undefined) {
      const c = props.corrections[f.correction];
      return `corrected by ${c.editor}, ${new Date(c.madeAt).toISOString().slice(0, 10)}`;
    }
    if (!f.sources.length) return "—";
    if (!documents) return `${f.sources.length} of ${sources.length} references`;
    const names = f.sources.map((i) => sourceLabel(sources[i]));
    return (
      <>
        <Isolated parts={names.slice(0, 3)} separator="; " />
        {`${names.length > 3 ? ` and ${names.length - 3} more` : ""}${documents > 1 ? ` (${f.sources.length} of ${documents} documents)` : ""}`}
      </>
    );
  };
  return (
    <section class="provenance">
      <details>
        <summary>Where this record comes from</summary>
        <p class="meta">
          {documents
            ? `The fields most of the work's ${documents === 1 ? "document gives" : `${documents} documents give`}, unless a person corrected them.`
            : `A work known only from references: the fields most of the ${sources.length} references read give.`}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Shown</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {props.fields.map((f) => (
              <tr>
                <th scope="row">{FIELD_NAMES[f.field] ?? f.field}</th>
                <td>
                  <Isolated parts={shown(w, f.field)} separator=", " />
                </td>
                <td>{from(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** How the papers citing a work only cited print it. */
export function AsCited(props: { sources: MetadataSourceEntry[] }) {
  const printed = props.sources.filter((s) => s.raw && s.citing).slice(0, AS_CITED_SHOWN);
  if (!printed.length) return null;
  return (
    <section>
      <h2>As cited</h2>
      <p class="meta">how the papers citing it print the reference</p>
      <ul class="as-cited">
        {printed.map((s) => (
          <li>
            <bdi>{s.raw}</bdi> — in <WorkLink id={s.citing!.id} title={s.citing!.title} />
          </li>
        ))}
      </ul>
    </section>
  );
}
