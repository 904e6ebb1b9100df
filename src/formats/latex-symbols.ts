/**
 * The one table of LaTeX's text-mode accents, letters and symbols, read both ways: latex.ts decodes BibTeX text
 * to Unicode with it and encodes Unicode back to LaTeX with it, so what one direction knows the other does too.
 * Only commands that classic bibtex (8-bit) and biber both read and pdflatex sets with the standard fonts.
 */

/** Accent commands and the combining character each puts on its argument. */
export const ACCENTS: Record<string, string> = {
  "`": "\u0300",
  "'": "\u0301",
  "^": "\u0302",
  "~": "\u0303",
  "=": "\u0304",
  u: "\u0306",
  ".": "\u0307",
  '"': "\u0308",
  r: "\u030a",
  H: "\u030b",
  v: "\u030c",
  d: "\u0323",
  c: "\u0327",
  k: "\u0328",
  b: "\u0331",
};

/** Combining character → accent command: the table above read backwards. */
export const ACCENT_COMMANDS: Map<string, string> = new Map(Object.entries(ACCENTS).map(([c, m]) => [m, c]));

/**
 * Commands that stand for one character, as the encoder writes them (its first spelling of a character wins);
 * the decoder also reads the aliases after them.
 */
export const SYMBOLS: [command: string, char: string][] = [
  ["ss", "ß"],
  ["SS", "ẞ"],
  ["o", "ø"],
  ["O", "Ø"],
  ["l", "ł"],
  ["L", "Ł"],
  ["ae", "æ"],
  ["AE", "Æ"],
  ["oe", "œ"],
  ["OE", "Œ"],
  ["aa", "å"],
  ["AA", "Å"],
  ["i", "ı"],
  ["j", "ȷ"],
  ["dh", "ð"],
  ["DH", "Ð"],
  ["th", "þ"],
  ["TH", "Þ"],
  ["ng", "ŋ"],
  ["NG", "Ŋ"],
  ["dj", "đ"],
  ["DJ", "Đ"],
  ["&", "&"],
  ["%", "%"],
  ["$", "$"],
  ["#", "#"],
  ["_", "_"],
  ["textendash", "–"],
  ["textemdash", "—"],
  ["textquoteleft", "‘"],
  ["textquoteright", "’"],
  ["textquotedblleft", "“"],
  ["textquotedblright", "”"],
  ["quotedblbase", "„"],
  ["guillemotleft", "«"],
  ["guillemotright", "»"],
  ["guilsinglleft", "‹"],
  ["guilsinglright", "›"],
  ["textasciitilde", "~"],
  ["textasciicircum", "^"],
  ["textbackslash", "\\"],
  ["textbar", "|"],
  ["textbraceleft", "{"],
  ["textbraceright", "}"],
  ["textless", "<"],
  ["textgreater", ">"],
  ["textbullet", "•"],
  ["textdagger", "†"],
  ["textdaggerdbl", "‡"],
  ["textsection", "§"],
  ["textparagraph", "¶"],
  ["textellipsis", "…"],
  ["textexclamdown", "¡"],
  ["textquestiondown", "¿"],
  ["textcopyright", "©"],
  ["textregistered", "®"],
  ["texttrademark", "™"],
  ["textdegree", "°"],
  ["textperthousand", "‰"],
  ["textsterling", "£"],
  ["texteuro", "€"],
  ["textyen", "¥"],
  ["textcent", "¢"],
  ["textmu", "µ"],
  ["textonehalf", "½"],
  ["textonequarter", "¼"],
  ["textthreequarters", "¾"],
  ["texttimes", "×"],
  ["textdiv", "÷"],
  ["textpm", "±"],
  ["textordfeminine", "ª"],
  ["textordmasculine", "º"],
  ["textperiodcentered", "·"],
  ["textbrokenbar", "¦"],
  ["textcurrency", "¤"],
  ["textlnot", "¬"],
  ["textminus", "−"],
  ["textsuperscript1", "¹"],
  ["textsuperscript2", "²"],
  ["textsuperscript3", "³"],
  // Aliases the decoder reads; the encoder writes the spellings above.
  ["dag", "†"],
  ["ddag", "‡"],
  ["S", "§"],
  ["P", "¶"],
  ["ldots", "…"],
  ["dots", "…"],
  ["copyright", "©"],
  ["pounds", "£"],
  ["euro", "€"],
  ["nobreakspace", "\u00a0"],
  ["slash", "/"],
  ["hyphen", "-"],
  ["textunderscore", "_"],
  ["textasciigrave", "`"],
  ["textquotesingle", "'"],
  ["textquotedbl", '"'],
  ["guillemetleft", "«"],
  ["guillemetright", "»"],
];

export const SYMBOL_CHARS: Map<string, string> = new Map(SYMBOLS);
export const CHAR_COMMANDS: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [command, char] of SYMBOLS) if (!m.has(char)) m.set(char, command);
  return m;
})();

/** Commands that only set their argument in another face or case: read as their argument. */
export const FORMATTING = new Set([
  "emph",
  "textit",
  "textbf",
  "textsc",
  "texttt",
  "textrm",
  "textsf",
  "textup",
  "textsl",
  "textmd",
  "textnormal",
  "mkbibemph",
  "mkbibitalic",
  "mkbibbold",
  "NoCaseChange",
  "url",
  "mbox",
  "hbox",
]);

/** Commands that quote their argument. */
export const QUOTING = new Set(["mkbibquote", "enquote", "textquote"]);

/** Spacing and hyphenation commands: read as a space, or as nothing. */
export const SPACES: Record<string, string> = {
  " ": " ",
  ",": " ",
  ";": " ",
  ":": " ",
  quad: " ",
  qquad: " ",
  space: " ",
  thinspace: " ",
  enspace: " ",
  "!": "",
  "-": "",
  "@": "",
  "/": "",
  relax: "",
  protect: "",
};
