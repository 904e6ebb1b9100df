/**
 * The ACL Anthology XML (one file per collection: volumes, their meta, their papers). Read with a streaming
 * XML parser; each <paper> becomes a record with id "acl:<anthology id>" (e.g. "acl:P19-1001"), its venue,
 * year, publisher and place taken from the volume's <meta>.
 */
import { SaxesParser } from "saxes";
import type { CslName } from "./csl.ts";
import { readChunks } from "./lines.ts";
import { type ReadItem, RecordFormatError, recordError, toCslItem } from "./record.ts";

interface VolumeMeta {
  booktitle?: string;
  publisher?: string;
  address?: string;
  year?: string;
  month?: string;
  journal?: string;
  issue?: string;
}

interface PaperDraft {
  id: string;
  line: number;
  fields: Record<string, string>;
  authors: CslName[];
  editors: CslName[];
}

/** Elements whose text is a field; markup inside them (<fixed-case>, <i>, <tex-math>) keeps only its text. */
const TEXT_FIELDS = new Set([
  "title",
  "abstract",
  "doi",
  "pages",
  "url",
  "booktitle",
  "publisher",
  "address",
  "year",
  "month",
  "journal",
  "issue",
  "first",
  "last",
  "note",
]);

/** Journals among the Anthology's collection letters: J = Computational Linguistics, Q = TACL. */
const JOURNAL_LETTERS = /^[JQ]/;

export async function* readAclAnthology(file: string): AsyncGenerator<ReadItem> {
  const parser = new SaxesParser({ position: true });
  const out: ReadItem[] = [];
  const stack: string[] = [];
  let collection = "";
  let volume = "";
  let meta: VolumeMeta = {};
  let paper: PaperDraft | undefined;
  let person: { first: string; last: string } | undefined;
  let field: string | undefined;
  let value = "";
  let record = 0;

  parser.on("opentag", (tag) => {
    stack.push(tag.name);
    const attr = (n: string) => (typeof tag.attributes[n] === "string" ? (tag.attributes[n] as string) : "");
    if (tag.name === "collection") collection = attr("id");
    else if (tag.name === "volume") {
      volume = attr("id");
      meta = {};
    } else if (tag.name === "paper") {
      paper = { id: "", line: parser.line, fields: {}, authors: [], editors: [] };
      paper.id = attr("id");
    } else if ((tag.name === "author" || tag.name === "editor") && !person) person = { first: "", last: "" };
    if (!field && TEXT_FIELDS.has(tag.name)) {
      field = tag.name;
      value = "";
    }
  });
  parser.on("text", (t) => {
    if (field) value += t;
  });
  parser.on("closetag", (tag) => {
    stack.pop();
    if (field === tag.name) {
      const v = value.replace(/\s+/g, " ").trim();
      field = undefined;
      if (person && (tag.name === "first" || tag.name === "last")) person[tag.name] = v;
      else if (paper) paper.fields[tag.name] = v;
      else if (stack.includes("meta")) (meta as Record<string, string>)[tag.name] = v;
    } else if ((tag.name === "author" || tag.name === "editor") && person) {
      const name: CslName = person.first
        ? { family: person.last, given: person.first }
        : { family: person.last };
      if (person.last) {
        if (paper) (tag.name === "author" ? paper.authors : paper.editors).push(name);
      }
      person = undefined;
    } else if (tag.name === "paper" && paper) {
      out.push(finishPaper(paper));
      paper = undefined;
    }
  });

  function finishPaper(p: PaperDraft): ReadItem {
    record++;
    const location = { file, line: p.line, record };
    try {
      const anthologyId =
        p.fields.url && /^[A-Z]\d\d-\d+$|^\d{4}\.[a-z-]+\.\d+$/i.test(p.fields.url)
          ? p.fields.url
          : `${collection}-${volume}${p.id.padStart(3, "0")}`;
      const isJournal = JOURNAL_LETTERS.test(collection);
      const item = toCslItem({
        type: isJournal ? "article-journal" : "paper-conference",
        title: p.fields.title,
        author: p.authors,
        editor: p.editors.length ? p.editors : undefined,
        year: p.fields.year ?? meta.year,
        "container-title": p.fields.booktitle ?? meta.journal ?? meta.booktitle,
        issue: p.fields.issue ?? meta.issue,
        page: p.fields.pages?.replace(/[–—]/g, "-"),
        publisher: p.fields.publisher ?? meta.publisher,
        "publisher-place": p.fields.address ?? meta.address,
        DOI: p.fields.doi,
        URL: `https://aclanthology.org/${anthologyId}`,
        abstract: p.fields.abstract,
        note: p.fields.note,
      });
      return { record: { id: `acl:${anthologyId}`, item, references: [], location } };
    } catch (e) {
      return recordError(e, location);
    }
  }

  try {
    for await (const chunk of readChunks(file)) {
      parser.write(chunk);
      yield* out.splice(0);
    }
    parser.close();
    yield* out.splice(0);
  } catch (e) {
    yield* out.splice(0);
    const location = { file, line: parser.line, record: record + 1 };
    // An encoding refusal keeps its own code; anything the XML parser throws is a syntax error.
    yield recordError(
      e instanceof RecordFormatError ? e : new RecordFormatError(`not valid XML: ${(e as Error).message}`),
      location,
    );
  }
}
