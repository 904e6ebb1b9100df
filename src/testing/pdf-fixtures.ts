/**
 * PDFs the tests make themselves (with pdfkit): papers in the numbered and author–year styles, one and two
 * columns, and the bad files ingest must survive — corrupt, encrypted, image-only.
 */
import { createDeflate, deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";

function render(
  build: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 56, ...options });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    build(doc);
    doc.end();
  });
}

export interface PaperSpec {
  title: string;
  authors: string[];
  affiliation: string;
  email: string;
  abstract: string;
  /** Paragraphs of the body; citation markers written in the paper's style. */
  body: string[];
  references: string[];
  style: "numbered" | "author-year";
  columns: 1 | 2;
}

export const NUMBERED_PAPER: PaperSpec = {
  title: "Adaptive Indexing of Scholarly Citation Graphs",
  authors: ["Maria Keller", "Tomas Lindqvist"],
  affiliation: "Department of Computer Science, University of Uppsala, Sweden",
  email: "maria.keller@example.org",
  abstract:
    "We study how citation indexes can be kept current as new papers arrive. Our method updates reference clusters incrementally and keeps citation counts exact.",
  body: [
    "Citation indexing was introduced by Garfield [1] and automated for the web by CiteSeer [2]. Later systems learned to parse references with conditional random fields [3, 4].",
    "We follow the cascade of models used by GROBID [4] and compare against the heuristics of earlier work [2-3]. Counting citations exactly matters to the readers of a library [5].",
    "Section 2 describes the data, section 3 the method and section 4 the evaluation. The index keeps one entry for each work, whether the library holds the paper or only knows it from the references of other papers, and it records for every citation the passage of the citing paper in which it occurs.",
    "Keeping such an index current is hard because every new paper can change the clusters of references that stand for one work. A reference that was ambiguous yesterday may be resolved today, and two works that looked distinct may turn out to be one.",
  ],
  references: [
    "[1] E. Garfield. Citation indexes for science. Science, 122(3159):108-111, 1955.",
    "[2] C. L. Giles, K. D. Bollacker, and S. Lawrence. CiteSeer: An automatic citation indexing system. In Proceedings of the Third ACM Conference on Digital Libraries, pages 89-98, 1998.",
    "[3] I. G. Councill, C. L. Giles, and M.-Y. Kan. ParsCit: an open-source CRF reference string parsing package. In Proceedings of LREC, 2008.",
    "[4] P. Lopez. GROBID: Combining automatic bibliographic data recognition and term extraction for scholarship publications. In Research and Advanced Technology for Digital Libraries, pages 473-474, 2009.",
    "[5] S. Lawrence, C. L. Giles, and K. Bollacker. Digital libraries and autonomous citation indexing. IEEE Computer, 32(6):67-71, 1999.",
  ],
  style: "numbered",
  columns: 1,
};

export const AUTHOR_YEAR_PAPER: PaperSpec = {
  title: "Migration Networks and the Labour Market Integration of Newcomers",
  authors: ["Helena Brandt", "Jonas Weber"],
  affiliation: "Institute for Social Research, University of Hamburg, Germany",
  email: "h.brandt@example.de",
  abstract:
    "This paper examines how networks of earlier migrants shape the first jobs of newcomers. Using survey data we show that network size matters more than network composition.",
  body: [
    "Networks of earlier migrants lower the costs of migration (Bauer et al., 2000) and shape where newcomers settle (Bartel 1989). Borjas (1987) argued that self-selection explains earnings differences.",
    "The literature on integration is large (Bade 1994; Bauer and Zimmermann 1995). We extend the approach of Bauer et al. (2000) to the first job after arrival, a question that earlier studies of settlement left open.",
    "Our data come from a panel survey of recent arrivals in three German cities. We observe each respondent at arrival and again after two years, and record the size and composition of their networks.",
    "Section 2 reviews the theory of networks in migration, section 3 describes the survey and the variables we build from it, and section 4 presents the estimates. Section 5 concludes with the limits of our design and what a second wave of the survey could add to it.",
    "The respondents were asked whom they knew in the city before they arrived, how they found their first job, and how long the search took. Those who arrived with many contacts found work sooner, but not always work that matched their training.",
  ],
  references: [
    "Bade, K. J. (1994), Homo Migrans. Wanderungen aus und nach Deutschland. Essen: Klartext.",
    "Bartel, A. P. (1989), Where do the new U.S. immigrants live? Journal of Labor Economics, 7, 371-391.",
    "Bauer, T., Epstein, G. S. and Gang, I. N. (2000), What are migration networks? IZA Discussion Paper No. 200, Bonn: IZA.",
    "Bauer, T. and Zimmermann, K. F. (1995), Modelling international migration: Economic and econometric issues, in: R. van der Erf and L. Heering (eds), Causes of International Migration, Luxembourg: Eurostat, pp. 95-115.",
    "Borjas, G. J. (1987), Self-selection and the earnings of immigrants, American Economic Review, 77, 531-553.",
  ],
  style: "author-year",
  columns: 2,
};

/** A third paper, citing the numbered one by its title (so that ingest links the two). */
export const CITING_PAPER: PaperSpec = {
  title: "Evaluating Reference Matching in Digital Libraries",
  authors: ["Ruth Okafor"],
  affiliation: "School of Information, University of Lagos, Nigeria",
  email: "r.okafor@example.ng",
  abstract:
    "Matching references to the works they name decides whether citation counts can be trusted. We measure how often incremental indexes go wrong.",
  body: [
    "Incremental citation indexes (Keller and Lindqvist 2024) promise counts that stay exact as papers arrive. We test this promise on a library of ten thousand papers and find that most errors come from references without a title.",
    "Earlier evaluations used pairs of records from two bibliographic databases; we use the references as printed, which are harder because their fields are abbreviated and their order varies from style to style.",
  ],
  references: [
    "Keller, M. and Lindqvist, T. (2024), Adaptive Indexing of Scholarly Citation Graphs. Journal of Digital Libraries, 3, 1-20.",
    "Lawrence, S., Giles, C. L. and Bollacker, K. (1999), Digital libraries and autonomous citation indexing. IEEE Computer, 32, 67-71.",
    "Lopez, P. (2009), GROBID: Combining automatic bibliographic data recognition and term extraction for scholarship publications. Research and Advanced Technology for Digital Libraries, 473-474.",
  ],
  style: "author-year",
  columns: 1,
};

/**
 * A paper as a PDF: title in large type, authors, affiliation, abstract, sections, references, page numbers; `info`
 * is the file's document information (a declared Title, as producers set it); `stamp`, text set up the first
 * page's left margin, as arXiv stamps its preprints.
 */
export function paperPdf(p: PaperSpec, info?: PDFKit.DocumentInfo, stamp?: string): Promise<Buffer> {
  return render(
    (doc) => {
      const width = doc.page.width - 112;
      doc.font("Times-Bold").fontSize(18).text(p.title, { align: "center" });
      doc.moveDown(0.8);
      doc.font("Times-Roman").fontSize(12).text(p.authors.join(" and "), { align: "center" });
      doc.fontSize(10).text(p.affiliation, { align: "center" });
      doc.text(p.email, { align: "center" });
      doc.moveDown(1.2);
      doc.font("Times-Bold").fontSize(11).text("Abstract", { align: "left" });
      doc.font("Times-Roman").fontSize(10).text(p.abstract, { align: "justify" });
      doc.moveDown(1);
      doc.font("Times-Bold").fontSize(12).text("1 Introduction");
      doc.moveDown(0.3);
      const bodyText = p.body.join("\n\n");
      doc.font("Times-Roman").fontSize(10);
      if (p.columns === 2) {
        // pdfkit fills a column to the box's height before it starts the next: a box of half the text's height.
        const height = doc.heightOfString(bodyText, { width: (width - 18) / 2 }) / 2 + 24;
        const top = doc.y;
        doc.text(bodyText, { columns: 2, columnGap: 18, width, height, align: "left" });
        doc.x = 56;
        doc.y = top + height + 12;
      } else doc.text(bodyText, { align: "left" });
      doc.moveDown(1);
      doc.font("Times-Bold").fontSize(12).text("References", 56);
      doc.moveDown(0.3);
      doc.font("Times-Roman").fontSize(9);
      for (const r of p.references) {
        if (p.style === "author-year") doc.text(r, { indent: -14, width: width - 14, align: "left" });
        else doc.text(r, { align: "left" });
        doc.moveDown(0.25);
      }
      // Page numbers, as furniture.
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        doc.page.margins.bottom = 0;
        doc
          .fontSize(9)
          .text(String(i + 1), 0, doc.page.height - 40, { align: "center", width: doc.page.width });
        if (stamp && i === range.start) {
          doc.save().rotate(-90, { origin: [30, 560] });
          doc.font("Times-Roman").fontSize(20).text(stamp, 30, 560, { lineBreak: false });
          doc.restore();
        }
      }
    },
    { bufferPages: true, info },
  );
}

/** A PDF whose text needs a password. */
export function encryptedPdf(): Promise<Buffer> {
  return render((doc) => doc.text("A secret paper about citation indexes."), {
    userPassword: "secret",
    ownerPassword: "owner",
    pdfVersion: "1.7",
  });
}

/** A truncated, damaged PDF. */
export async function corruptPdf(): Promise<Buffer> {
  const good = await paperPdf(NUMBERED_PAPER);
  const bad = Buffer.from(good.subarray(0, Math.floor(good.length / 3)));
  // Damage the cross-reference data too, so that no reader can recover the pages.
  bad.fill(0x20, 20, bad.length);
  return bad;
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A grey PNG (what a scanner produces, without the text); `noise` makes it incompressible, so it is big. */
function greyPng(width: number, height: number, noise = false): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  let seed = 12345;
  if (noise)
    for (let i = 0; i < rows.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      rows[i] = seed >> 16;
    }
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A scanned page: an image and no text layer. */
export function imageOnlyPdf(): Promise<Buffer> {
  return render((doc) => {
    doc.image(greyPng(40, 60), 56, 56, { width: 400 });
  });
}

/**
 * Pages whose box was cropped inside the type area: on the first, the box's top edge cuts through a line of
 * text, and two more lines of the paper stand above it; on the second, a printer's slug stands above the box, clear
 * of the text; on the third, the title stands above the box and the text on it starts right at its edge.
 */
export function croppedPdf(): Promise<Buffer> {
  return render((doc) => {
    doc.font("Times-Roman").fontSize(10);
    doc.text("Lines of the paper cut off above the page box.", 56, -34, { lineBreak: false });
    doc.text("A second line of the paper above the page box.", 56, -20, { lineBreak: false });
    doc.text("A line the page box cuts through the middle of.", 56, -5, { lineBreak: false });
    doc.text("The first line wholly on the page.", 56, 9, { lineBreak: false });
    doc.addPage();
    doc.fontSize(8).text("08_053966_Healy(ds) 25/5/05 1:23 pm Page 248", 56, -60, { lineBreak: false });
    doc.fontSize(10).text("The text of the second page.", 56, 100, { lineBreak: false });
    doc.addPage();
    doc.fontSize(14).text("A title cut off above the page", 56, -30, { lineBreak: false });
    doc.fontSize(10).text("The author's name right under the edge.", 56, 2, { lineBreak: false });
  });
}

/** A paper with a large incompressible image: a megabyte and more, to see that reading frees its memory. */
export function largePdf(): Promise<Buffer> {
  return render((doc) => {
    doc.fontSize(12).text("A large paper with a scanned figure.");
    doc.image(greyPng(1000, 1000, true), 56, 100, { width: 400 });
  });
}

/**
 * A decompression bomb: a small PDF whose one page's content stream inflates to `inflatedBytes` (spaces, which
 * a content parser must read to the end). Deflated streaming, so making it holds no more than a chunk.
 */
export async function inflateBombPdf(inflatedBytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const chunk = Buffer.alloc(4 << 20, 0x20);
  for (let left = inflatedBytes; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
      await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  const stream = Buffer.concat(out);
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  const length = () => parts.reduce((n, p) => n + p.length, 0);
  const object = (n: number, body: string | Buffer[]) => {
    offsets[n] = length();
    if (typeof body === "string") parts.push(Buffer.from(`${n} 0 obj\n${body}\nendobj\n`));
    else parts.push(Buffer.from(`${n} 0 obj\n`), ...body, Buffer.from("\nendobj\n"));
  };
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>");
  object(4, [
    Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
    stream,
    Buffer.from("\nendstream"),
  ]);
  const xref = length();
  const rows = offsets.slice(1).map((o) => `${String(o).padStart(10, "0")} 00000 n \n`);
  parts.push(
    Buffer.from(
      `xref\n0 5\n0000000000 65535 f \n${rows.join("")}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}
