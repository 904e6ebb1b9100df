import assert from "node:assert/strict";
import { test } from "node:test";
import { familyName } from "../../formats/csl.ts";
import { parseReference } from "./parse.ts";

const names = (xs: unknown) => (xs as { family?: string }[] | undefined)?.map((n) => familyName(n));

test("a conference paper with editors and a particle", () => {
  const { item, confidence } = parseReference(
    "A. Cau, R. Kuiper, and W.-P. de Roever. Formalising Dijkstra's development strategy within Stark's formalism. In C. B. Jones, R. C. Shaw, and T. Denvir, editors, Proc. 5th BCS-FACS Refinement Workshop, 1992.",
  );
  assert.deepEqual(names(item.author), ["Cau", "Kuiper", "de Roever"]);
  assert.equal(item.title, "Formalising Dijkstra's development strategy within Stark's formalism");
  assert.deepEqual(names(item.editor), ["Jones", "Shaw", "Denvir"]);
  assert.match(String(item["container-title"]), /BCS-FACS Refinement Workshop/);
  assert.deepEqual(item.issued, { "date-parts": [[1992]] });
  assert.equal(item.type, "paper-conference");
  for (const c of Object.values(confidence)) assert.ok(c > 0 && c <= 1);
});

test("a journal article in APA style with volume, issue, pages and DOI", () => {
  const { item } = parseReference(
    "Romero, C., Paunesku, D., & Dweck, C. S. (2011). Brainology in the classroom: An online growth mindset intervention. Journal of Educational Psychology, 103(4), 761–773. https://doi.org/10.1037/a0025111",
  );
  assert.deepEqual(names(item.author), ["Romero", "Paunesku", "Dweck"]);
  assert.equal(item.title, "Brainology in the classroom: An online growth mindset intervention");
  assert.equal(item["container-title"], "Journal of Educational Psychology");
  assert.equal(item.volume, "103");
  assert.equal(item.issue, "4");
  assert.equal(item.page, "761-773");
  assert.equal(item.DOI, "10.1037/a0025111");
  assert.equal(item.type, "article-journal");
});

test("a physics reference with abbreviated journal and an arXiv id", () => {
  const { item } = parseReference(
    "Bromm V., Yoshida N., Hernquist L., 2009, Nature, 459, 49, arXiv:0905.0929",
  );
  assert.deepEqual(names(item.author), ["Bromm", "Yoshida", "Hernquist"]);
  assert.equal(item["container-title"], "Nature");
  assert.equal(item.volume, "459");
  assert.equal(item.page, "49");
  assert.equal(item.arxiv, "0905.0929");
  assert.deepEqual(item.issued, { "date-parts": [[2009]] });
});

test("a book with place and publisher", () => {
  const { item } = parseReference(
    "Knuth, D. E. (1997). The Art of Computer Programming. Reading, MA: Addison-Wesley.",
  );
  assert.deepEqual(names(item.author), ["Knuth"]);
  assert.equal(item.title, "The Art of Computer Programming");
  assert.equal(item.publisher, "Addison-Wesley");
  assert.match(String(item["publisher-place"]), /^Reading/);
  assert.equal(item.type, "book");
});

test("any input gives a result in bounded time: empty, huge, binary, other scripts", () => {
  assert.deepEqual(parseReference("").item, { raw: "", type: "article" });
  const huge = "Smith, J. A very long title. ".repeat(4000);
  const parsed = parseReference(huge);
  assert.equal(parsed.item.raw, huge);
  assert.ok(parsed.fields.length > 0);
  const binary = String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 65536));
  assert.doesNotThrow(() => parseReference(binary));
  const cjk = parseReference(
    "山田太郎, 鈴木花子 (2015). 自然言語処理の基礎. 情報処理学会論文誌, 56(3), 1-10.",
  );
  assert.deepEqual(cjk.item.issued, { "date-parts": [[2015]] });
  assert.throws(() => parseReference(42 as unknown as string), /must be a string/);
});

test("post-processing: a book's title the model took for a container, a subtitle after a question, place first", () => {
  const book = parseReference("LAZARUS Sylvain, 1996, Anthropologie du Nom, Paris, Seuil.");
  assert.equal(book.item.title, "Anthropologie du Nom");
  assert.equal(book.item["container-title"], undefined);
  const article = parseReference("Smith, J. (2001). Graph theory. Journal of Graphs, 12, 1-10.");
  assert.equal(
    article.item["container-title"],
    "Journal of Graphs",
    "a container with volume and pages stays",
  );
  const place = parseReference(
    "Appelbaum, E. and Batt, R. (1994), The New American Workplace: Transforming Work Systems in the United States, Ithaca, Cornell University Press.",
  );
  assert.equal(place.item.publisher, "Cornell University Press");
  assert.equal(place.item["publisher-place"], "Ithaca");
  const question = parseReference(
    "BAHNMÜLLER Reinhard, SALM Rainer, 1996, Intelligenter, nicht härter arbeiten? Gruppenarbeit und Gestaltungspolitik, Hamburg, VSA-Verlag.",
  );
  assert.equal(
    question.item.title,
    "Intelligenter, nicht härter arbeiten? Gruppenarbeit und Gestaltungspolitik",
  );
  assert.deepEqual(names(question.item.author), ["Bahnmüller", "Salm"]);
});
