/**
 * `dc:type` of an OAI-PMH record, as repositories write it: a term of the DCMI Type Vocabulary ("Text"), which
 * every Dublin Core reader knows, and an info:eu-repo publication type ("info:eu-repo/semantics/article"), the
 * DRIVER and OpenAIRE vocabulary aggregators sort publications by. A CSL type ("article-journal") is neither.
 */

/** DCMI Type Vocabulary terms (https://www.dublincore.org/specifications/dublin-core/dcmi-type-vocabulary/). */
type DcmiType =
  | "Collection"
  | "Dataset"
  | "Event"
  | "Image"
  | "InteractiveResource"
  | "MovingImage"
  | "Software"
  | "Sound"
  | "StillImage"
  | "Text";

/** The info:eu-repo publication types (DRIVER 2.0, OpenAIRE literature guidelines 3). */
type EuRepoType =
  | "article"
  | "bachelorThesis"
  | "masterThesis"
  | "doctoralThesis"
  | "book"
  | "bookPart"
  | "review"
  | "conferenceObject"
  | "lecture"
  | "workingPaper"
  | "preprint"
  | "report"
  | "contributionToPeriodical"
  | "patent"
  | "other";

/** Every CSL 1.0.2 type, with its DCMI type and its info:eu-repo type. */
const CSL_TO_DC: Record<string, readonly [DcmiType, EuRepoType]> = {
  // "A self-contained work made widely available but not published in a journal": preprints, working papers.
  article: ["Text", "preprint"],
  "article-journal": ["Text", "article"],
  "article-magazine": ["Text", "contributionToPeriodical"],
  "article-newspaper": ["Text", "contributionToPeriodical"],
  bill: ["Text", "other"],
  book: ["Text", "book"],
  broadcast: ["MovingImage", "other"],
  chapter: ["Text", "bookPart"],
  classic: ["Text", "other"],
  collection: ["Collection", "other"],
  dataset: ["Dataset", "other"],
  document: ["Text", "other"],
  entry: ["Text", "other"],
  "entry-dictionary": ["Text", "bookPart"],
  "entry-encyclopedia": ["Text", "bookPart"],
  event: ["Event", "other"],
  figure: ["StillImage", "other"],
  graphic: ["StillImage", "other"],
  hearing: ["Text", "other"],
  interview: ["Text", "other"],
  legal_case: ["Text", "other"],
  legislation: ["Text", "other"],
  manuscript: ["Text", "workingPaper"],
  map: ["Image", "other"],
  motion_picture: ["MovingImage", "other"],
  musical_score: ["Text", "other"],
  pamphlet: ["Text", "other"],
  "paper-conference": ["Text", "conferenceObject"],
  patent: ["Text", "patent"],
  performance: ["Event", "other"],
  periodical: ["Text", "other"],
  personal_communication: ["Text", "other"],
  post: ["Text", "other"],
  "post-weblog": ["Text", "other"],
  regulation: ["Text", "other"],
  report: ["Text", "report"],
  review: ["Text", "review"],
  "review-book": ["Text", "review"],
  software: ["Software", "other"],
  song: ["Sound", "other"],
  speech: ["Text", "lecture"],
  standard: ["Text", "other"],
  thesis: ["Text", "doctoralThesis"],
  treaty: ["Text", "other"],
  webpage: ["Text", "other"],
};

/** What a record's `genre` says more precisely than its CSL type (a master's thesis, a working paper). */
const BY_GENRE: readonly { types: readonly string[]; genre: RegExp; euRepo: EuRepoType }[] = [
  { types: ["thesis"], genre: /\bbachelor|\bB\.?\s?(?:A|Sc)\b|\bBSc\b/i, euRepo: "bachelorThesis" },
  { types: ["thesis"], genre: /\bmaster|\bM\.?\s?(?:A|Sc|Phil)\b|\bMSc\b|diplom/i, euRepo: "masterThesis" },
  { types: ["report", "article"], genre: /\bworking\s+paper|\bdiscussion\s+paper/i, euRepo: "workingPaper" },
];

/** The CSL types this table knows: a test checks that it is every one. */
export const MAPPED_CSL_TYPES: readonly string[] = Object.keys(CSL_TO_DC);

/**
 * The two `dc:type` values of a work of this CSL type (and genre, when it has one); an unknown type is "Text"
 * and "other". @example dcTypes("paper-conference") // ["Text", "info:eu-repo/semantics/conferenceObject"]
 */
export function dcTypes(cslType: string | undefined, genre?: unknown): [string, string] {
  const [dcmi, byType] = (cslType && Object.hasOwn(CSL_TO_DC, cslType) && CSL_TO_DC[cslType]) || [
    "Text",
    "other",
  ];
  const refined =
    typeof genre === "string" && cslType
      ? BY_GENRE.find((g) => g.types.includes(cslType) && g.genre.test(genre))?.euRepo
      : undefined;
  return [dcmi, `info:eu-repo/semantics/${refined ?? byType}`];
}
