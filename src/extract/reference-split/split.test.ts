import assert from "node:assert/strict";
import { test } from "node:test";
import { makeLine } from "../../layout/lines.ts";
import type { Line } from "../../layout/types.ts";
import { column, textLine } from "../../testing/lines.ts";
import { labelOf, splitReferences } from "./split.ts";

test("a numbered list splits at each label, and keeps the label", () => {
  const refs = splitReferences(
    column([
      [0, "[1] E. Garfield. Citation indexes for science. Science,"],
      [0, "122(3159):108-111, 1955."],
      [0, "[2] C. L. Giles, K. D. Bollacker, and S. Lawrence. CiteSeer: An auto-"],
      [0, "matic citation indexing system. In Proc. ACM DL, 1998."],
      [0, "[3] P. Lopez. GROBID. In ECDL, 2009."],
    ]),
  );
  assert.equal(refs.length, 3);
  assert.deepEqual(
    refs.map((r) => r.label),
    ["1", "2", "3"],
  );
  assert.equal(
    refs[1].raw,
    "[2] C. L. Giles, K. D. Bollacker, and S. Lawrence. CiteSeer: An automatic citation indexing system. In Proc. ACM DL, 1998.",
  );
});

test("numbers inside a reference do not start a new one", () => {
  const refs = splitReferences(
    column([
      [0, "1. A. Smith. On graphs. Journal of Graphs,"],
      [0, "12 pages, 2001."],
      [0, "2. B. Jones. On trees. Forest Letters, 3:1-9, 2002."],
      [0, "3. C. Lee. On paths. In Proc. Paths, 2003."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.label),
    ["1", "2", "3"],
  );
});

test("hanging indents: each line set flush opens a reference", () => {
  const refs = splitReferences(
    column([
      [0, "Bade, K. J. (1994), Homo Migrans. Wanderungen aus und nach"],
      [14, "Deutschland. Essen: Klartext."],
      [0, "Bartel, A. P. (1989), Where do the new U.S. immigrants live?"],
      [14, "Journal of Labor Economics, 7, 371-391."],
      [0, "Borjas, G. J. (1987), Self-selection and the earnings of"],
      [14, "immigrants, American Economic Review, 77, 531-553."],
    ]),
  );
  assert.equal(refs.length, 3);
  assert.ok(refs[1].raw.startsWith("Bartel, A. P. (1989)"));
  assert.ok(refs[1].raw.endsWith("371-391."));
  assert.equal(refs[0].label, undefined);
});

test("first-line indents open references where the indented lines start like one", () => {
  const refs = splitReferences(
    column([
      [14, "Bade, K. J. (1994), Homo Migrans. Wanderungen aus und nach"],
      [0, "Deutschland. Essen: Klartext."],
      [14, "Bartel, A. P. (1989), Where do the new U.S. immigrants live?"],
      [0, "journal of Labor Economics, 7, 371-391."],
    ]),
  );
  assert.equal(refs.length, 2);
});

test("flush lists without labels split after a sentence end before a name and a year", () => {
  const refs = splitReferences(
    column([
      [0, "Smith, J. (2001). A study of things. Journal of"],
      [0, "Things, 4, 1-10."],
      [0, "Jones, M. (2003). Another study. Press."],
    ]),
  );
  assert.equal(refs.length, 2);
});

test("labels: brackets, dots, keys", () => {
  assert.equal(labelOf("[12] A. Smith"), "12");
  assert.equal(labelOf("12. A. Smith"), "12");
  assert.equal(labelOf("[Knu84] D. Knuth"), "Knu84");
  assert.equal(labelOf("Smith, J. 2001"), undefined);
});

test("nothing in, nothing out; a huge list is bounded", () => {
  assert.deepEqual(splitReferences([]), []);
  const many = column(
    Array.from({ length: 3000 }, (_, i): [number, string] => [0, `[${i + 1}] A. Author. Title ${i}. 2001.`]),
  );
  assert.ok(splitReferences(many).length <= 1500);
});

test("the same author's next work, its dash drawn as a rule the text lacks, opens a reference", () => {
  const refs = splitReferences(
    column([
      [0, "Beckert, Jens, 2002a: Beyond the Market. The Social Foundations of"],
      [14, "Economic Efficiency. Princeton: Princeton University Press."],
      [14, ", 2002b: Von Fröschen, Unternehmensstrategien und anderen Totems."],
      [0, "Coleman, James, 1990: Foundations of Social Theory. Cambridge, MA:"],
      [14, "Harvard University Press."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 14)),
    ["Beckert, Jens,", ", 2002b: Von F", "Coleman, James"],
  );
});

test("hanging indents of half an em are indents (6 points under 10.5-point type)", () => {
  const refs = splitReferences(
    column(
      [
        [0, "Adams, Michael (2004) Slayer Slang: A Buffy the Vampire Slayer Lexicon."],
        [6, "Oxford: Oxford University Press."],
        [0, "Amy-Chinn, Dee (2003) ‘Good Vampires Don’t Suck’, in Carla Kungl (ed.) Vampires: Myths and"],
        [6, "Metaphors of Enduring Evil. [Available at: http://www.inter-"],
        [6, "disciplinary.net/publishing/idp/eBooks/vmmeeindex.htm]"],
        [0, "Auerbach, Nina (1995) Our Vampires, Ourselves. Chicago, IL: University of"],
        [6, "Chicago Press."],
      ],
      10.5,
    ),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 12)),
    ["Adams, Micha", "Amy-Chinn, D", "Auerbach, Ni"],
  );
});

test("a line at the opening margin that reads on from the line before goes on its reference", () => {
  const refs = splitReferences(
    column([
      [0, "MOLDASCHL Manfred, 1994, Erfahrungen und Belastungen, Frankfurt/Main, Campus."],
      [0, "LEMINISKY Gerhard, 1980, Humanisierung der Arbeit, Monatshefte, 212-221."],
      [0, "MURAKAMI Thomas, 1995, Introducing Teamwork, Industrial Relations Journal, vol. 26."],
      [14, "in: Industrial Relations, 293-305."],
      [0, "SAINSAULIEU Renaud, 1998, L’identité au travail, Paris, Presses de la Fondation"],
      [0, "Nationale des Sciences Politiques."],
      [0, "Christaller, Helene von u.a. 1915. Stille Opfer. Den deutschen Frauen und Jung-"],
      [0, "frauen in großer Zeit, Hagen i. W.: Rippel."],
      [0, "SANDBERG Åke, 1995, Enriching Production, Perspectives on Volvo’s Uddevalla"],
      [14, "as an Alternative, Aldershot, Avebury."],
      [0, "te Heesen, Anke (2013): Naturgeschichte des Interviews, in: Merkur, 67, 317-328."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw),
    [
      "MOLDASCHL Manfred, 1994, Erfahrungen und Belastungen, Frankfurt/Main, Campus.",
      "LEMINISKY Gerhard, 1980, Humanisierung der Arbeit, Monatshefte, 212-221.",
      "MURAKAMI Thomas, 1995, Introducing Teamwork, Industrial Relations Journal, vol. 26. in: Industrial Relations, 293-305.",
      "SAINSAULIEU Renaud, 1998, L’identité au travail, Paris, Presses de la Fondation Nationale des Sciences Politiques.",
      "Christaller, Helene von u.a. 1915. Stille Opfer. Den deutschen Frauen und Jungfrauen in großer Zeit, Hagen i. W.: Rippel.",
      "SANDBERG Åke, 1995, Enriching Production, Perspectives on Volvo’s Uddevalla as an Alternative, Aldershot, Avebury.",
      "te Heesen, Anke (2013): Naturgeschichte des Interviews, in: Merkur, 67, 317-328.",
    ],
  );
});

test("a flat list: a line that left room for the next line's first word ended its entry", () => {
  const refs = splitReferences(
    column([
      [0, "Bresnahan, T. F., 1989, Empirical Studies of Industries with Market Power, in"],
      [0, "Handbook of Industrial Organization, Amsterdam: North Holland."],
      [0, "Euromonitor, 1993, Soft Drinks in Europe, London."],
      [0, "European Commission, Case Number IV/M 190: Nestle and Perrier, 92/553/EEC."],
      // Full up to its last word: the long word after it did not fit, and the line under it names no year.
      [0, "Völter, Bettina; Dausien, Bettina; Lutz, Helma & Rosenthal, Gabriele (2005)."],
      [0, "Biographieforschung im Diskurs. Wiesbaden: Verlag für Sozialwissenschaften."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 20)),
    ["Bresnahan, T. F., 19", "Euromonitor, 1993, S", "European Commission,", "Völter, Bettina; Dau"],
  );
});

test("in a list set in blocks, a block of many lines is a flat run of entries", () => {
  const lines = column([
    [0, "Arntz, M. (2003): Die Arbeitsangebotseffekte der neuen Mini- und Midijobs,", { blockStart: true }],
    [0, "Mitteilungen aus der Arbeitsmarkt- und Berufsforschung 36."],
    [0, "Becker, I. (2006): Armut in Deutschland, Arbeitspapier Nr. 3, Frankfurt.", { blockStart: true }],
    [0, "Blos, K. (2006): Haushalte im Umfeld des SGB II, IAB-Forschungsbericht,", { blockStart: true }],
    [0, "Nürnberg."],
    [0, "Heckman, J. J. (1979): Sample Selection Bias as a Specification Error,", { blockStart: true }],
    [0, "Econometrica 47, 153-161."],
    [0, "Kay, J. A., 1990, Identifying the Strategic Market, Business Strategy Review."],
    [0, "Key Note Market Review, 1994, The UK Soft Drinks Market, Middlesex."],
    [0, "Lyons, B. R. and C. Matraves, 1996, Industrial Concentration, in Davies, S. W."],
    [0, "and Lyons, B. R. (eds.), Industrial Organization in the European Union, Oxford."],
    [0, "Matraves, C., 1999, Market Structure, R&D and Advertising, Journal of Industrial"],
    [0, "Economics, 169-194."],
  ]);
  assert.deepEqual(
    splitReferences(lines).map((r) => r.raw.slice(0, 12)),
    [
      "Arntz, M. (2",
      "Becker, I. (",
      "Blos, K. (20",
      "Heckman, J. ",
      "Kay, J. A., ",
      "Key Note Mar",
      "Lyons, B. R.",
      "Matraves, C.",
    ],
  );
});

test("hanging indents: a name broken after its initials goes on at the opening margin", () => {
  const refs = splitReferences(
    column([
      [0, "Detienne, M. (1979). Pratique culinaires. In M. Detienne & J.P."],
      [0, "Vernant (Eds.), La cuisine du sacrifice (pp. 7-35). Paris: Gallimard."],
      [0, "Douglas, M. (1966). Purity and Danger. An Analysis of Concepts of"],
      [14, "Pollution and Taboo. London: Routledge."],
      [0, "Elias, N. (1939). Über den Prozeß der Zivilisation. Basel: Haus"],
      [14, "zum Falken."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 10)),
    ["Detienne, ", "Douglas, M", "Elias, N. "],
  );
});

test("hanging indents with space before each entry: an entry set in at the wrong margin still opens", () => {
  const lines = column([
    [0, "Vogler, M. (1999), Determinanten der Zuwanderung, Nomos", { blockStart: true }],
    [14, "Universitätsschriften, Band 47."],
    [0, "Wagener, H. W. (2000), Indiens Aderlaß, Frankfurter", { blockStart: true }],
    [14, "Allgemeine Zeitung, p. 10."],
    [14, "Wimmex AG (2001), 6 Monate Greencard in Deutschland, in", { blockStart: true }],
    [14, "collaboration with the Bundesanstalt für Arbeit, Munich:"],
    [0, "Winkelmann, R. (2001), Why do firms recruit internationally?", { blockStart: true }],
    [14, "IZA Discussion Paper No. 331: Bonn, IZA."],
  ]);
  assert.deepEqual(
    splitReferences(lines).map((r) => r.raw.slice(0, 8)),
    ["Vogler, ", "Wagener,", "Wimmex A", "Winkelma"],
  );
});

test("in a list set in blocks, a line broken where the next word would fit, before a name and a year, ends an entry", () => {
  const lines = column([
    [
      0,
      "Seifert, H. (2005): Arbeitszeitpolitischer Modellwechsel, in: Ders. (Hg.), Flexible",
      { blockStart: true },
    ],
    [0, "Zeiten in der Arbeitswelt, Frankfurt/New York, S. 40-"],
    [0, "66"],
    [0, "Thaler, R. H./ Sunstein, C. R. (2009): Nudge - Wie man kluge Entscheidungen, Berlin:"],
    [0, "Econ"],
    [0, "Weischer, Christoph (2007): Sozialforschung. Stuttgart.", { blockStart: true }],
    [
      0,
      "Wellisch, D./ Kroll, K. (2010): Bitte nochmals nachbessern; in: Personalwirtschaft.",
      { blockStart: true },
    ],
  ]);
  assert.deepEqual(
    splitReferences(lines).map((r) => r.raw.slice(0, 8)),
    ["Seifert,", "Thaler, ", "Weischer", "Wellisch"],
  );
});

test("a list's own heading in bold is no reference; an author's name in bold is", () => {
  const lines = column([
    [0, "Vargas Llosa, Mario (2006): Bostezos chilenos. El País, 1.2.2006."],
    [0, "Walker, Ignacio (2006): Chile, la democracia, Santiago: Catalonia."],
    [0, "Internet-Quellen", { bold: true }],
    [0, "Consejo Nacional de Televisión (CNTV) (2006): www.cntv.cl"],
    [0, "Instituto Nacional de Estadísticas (INE) (2006): www.ine.cl"],
    [0, "Bovenschulte, Andreas/Fisahn, Andreas,", { bold: true }],
    [8, "Fiskalpakt entmachtet Bundestag, Bremen 2012."],
    [0, "Koch, Jessica (2010): Subsidiarität nach Lissabon, Freiburg."],
    [8, "CEP-Studie."],
    [0, "Lucas, Kevin (2010): The Ideological Coherence, Hamburg."],
    [0, "Nolte, Detlef (2010): Selbstbewusst in die Zukunft, Hamburg."],
  ]);
  const refs = splitReferences(lines).map((r) => r.raw);
  assert.ok(!refs.some((r) => r.includes("Internet-Quellen")));
  assert.ok(
    refs.includes("Bovenschulte, Andreas/Fisahn, Andreas, Fiskalpakt entmachtet Bundestag, Bremen 2012."),
  );
  assert.equal(refs.length, 8);
});

test("hanging indents in JSS style: initials without stops open entries, and space before them marks the margin", () => {
  const entries: [number, string, { blockStart?: boolean }?][] = [
    [0, "Bayarri MJ, Berger JO, Forte A (2012). “Criteria for Bayesian Model", { blockStart: true }],
    [11, "Choice With Application to Variable Selection.” The Annals of Statistics, 40, 1550–1577."],
    [
      0,
      "Brown PE, Zhou L (2018). glmmBUGS: Generalised Linear Mixed Models and Spatial",
      { blockStart: true },
    ],
    [11, "Models with WinBUGS, JAGS, and OpenBUGS. R package version 2.4.2, URL https://"],
    [11, "CRAN.R-project.org/package=glmmBUGS."],
    [
      0,
      "Carpenter B, Gelman A, Hoffman M, Lee D, Goodrich B, Betancourt M, Brubaker M, Guo",
      { blockStart: true },
    ],
    [11, "J, Li P, Riddell A (2017). “Stan: A Probabilistic Programming Language.” Journal of"],
    [11, "Statistical Software, 76, 1–32."],
    [
      0,
      "Chib S (1995). “Marginal Likelihood from the Gibbs Output.” Journal of the American",
      { blockStart: true },
    ],
    [11, "Statistical Association, 90, 1313–1321."],
  ];
  const expected = ["Bayarri MJ", "Brown PE, ", "Carpenter ", "Chib S (19"];
  assert.deepEqual(
    splitReferences(column(entries)).map((r) => r.raw.slice(0, 10)),
    expected,
  );
  // Without the space, the names alone tell the margin.
  assert.deepEqual(
    splitReferences(column(entries.map(([x, text]) => [x, text]))).map((r) => r.raw.slice(0, 10)),
    expected,
  );
  assert.ok(splitReferences(column(entries))[1].raw.endsWith("https://CRAN.R-project.org/package=glmmBUGS."));
});

test("hanging indents in natbib's plain style: initials before the family name open entries", () => {
  const refs = splitReferences(
    column([
      [0, "I. Barrodale and F. Roberts. Solution of an overdetermined system of equations in"],
      [10, "the l1 norm. Communications of the ACM, 17:319–320, 1974."],
      [0, "R. Beran. Impact of the bootstrap on statistical algorithms and theory. Statistical"],
      [10, "Science, pages 175–184, 2003."],
      [0, "J. M. Chambers. Programming with Data: A Guide to the S Language. Springer,"],
      [10, "1998."],
      [0, "E. Engel. Die produktions- und konsumptionsverhältnisse des königreichs sachsen."],
      [10, "Zeitschrift des Statistischen Bureaus des Königlich Sächsischen Ministeriums des"],
      [10, "Innern, 8:1–54, 1857."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 12)),
    ["I. Barrodale", "R. Beran. Im", "J. M. Chambe", "E. Engel. Di"],
  );
});

test("entries numbered in superscript, the number glued to the first word, split at each number, set apart", () => {
  // AIAA's list: "¹Sutton, K., …" indented, its other lines flush.
  const entry = (n: string, first: string, top: number): Line => {
    const line = textLine(first, { top, x: 60, size: 8 });
    const w0 = line.words[0];
    const label = {
      ...w0,
      text: n,
      x0: w0.x0 - 4,
      x1: w0.x0,
      fontSize: 6,
      top: top - 2,
      bottom: top + 4,
      baseline: top + 4.4,
    };
    return makeLine([{ ...label, spaceAfter: false }, ...line.words], 1);
  };
  const lines = [
    entry(
      "1",
      "Sutton, K., “Air Radiation Revisted,” Thermal Design of Aeroassisted Orbital Transfer Vehicles,",
      100,
    ),
    textLine("Vol. 96, AIAA, New York, 1985, pp. 419–441.", { top: 110, x: 50, size: 8 }),
    entry("2", "Miner, E. W. and Lewis, C. H., “Hypersonic Ionizing Air Viscous Shock-Layer Flows,”", 120),
    textLine("Nasa cr–2250, May 1975.", { top: 130, x: 50, size: 8 }),
    entry("3", "Wirin, W. B., “Space Debris 1989,” Proceedings of the Thirty-Second Colloquium,", 140),
    textLine("Washington, DC, 1990, pp. 184–196.", { top: 150, x: 50, size: 8 }),
  ];
  assert.equal(lines[0].text.slice(0, 8), "1Sutton,");
  const refs = splitReferences(lines);
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 9)),
    ["1 Sutton,", "2 Miner, ", "3 Wirin, "],
  );
  assert.deepEqual(
    refs.map((r) => r.label),
    ["1", "2", "3"],
  );
  // A number of two digits with its space already is not split inside ("31 F. P. Phony-Baloney": "3 1 F." broke
  // the count, and every entry after it ran into one).
  const many = Array.from({ length: 12 }, (_, k) => {
    const line = entry(
      `${k + 1}`,
      `Smith, J. Title of work number ${k + 1}, Phys. Rev. 94, 262 (1954).`,
      100 + 20 * k,
    );
    if (k + 1 >= 10) line.words[0].spaceAfter = true;
    return makeLine(line.words, 1);
  });
  assert.equal(many[10].text.slice(0, 8), "11 Smith");
  assert.deepEqual(
    splitReferences(many).map((r) => r.label),
    Array.from({ length: 12 }, (_, k) => `${k + 1}`),
  );
});

test("a flat list of one-line entries ending in their pages: each named line with a year opens an entry", () => {
  const refs = splitReferences(
    column([
      [0, "Author A. N., 2013, Journal of Improbable Astronomy, 1, 1"],
      [0, "Jones C. D., 2015, Journal of Interesting Stuff, 17, 198"],
      [0, "Smith A. B., 2014, The Example Journal, 12, 345 (Paper I)"],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 6)),
    ["Author", "Jones ", "Smith "],
  );
});

test("a journal's abbreviated name or a publisher on a continuation line opens no entry", () => {
  const hanging = splitReferences(
    column([
      [0, "Smith, A., Jones, B., 2005, A long title about the synthesis of compounds,"],
      [12, "J. Am. Chem. Soc. 127, 1234."],
      [0, "Brown, C., 2007, Another long title about compounds in water and more,"],
      [12, "N. Engl. J. Med. 111, 55."],
      [0, "Green, E., 2009, A third title about compounds and reactions and more,"],
      [12, "Z. Phys. 48, 100."],
    ]),
  );
  assert.deepEqual(
    hanging.map((r) => r.raw.slice(0, 6)),
    ["Smith,", "Brown,", "Green,"],
  );
  const flat = splitReferences(
    column([
      [0, "Adams, R., 2001, in Proceedings of the Workshop on Things, Vol. 12"],
      [0, "Springer Verlag, Berlin, 2001, p. 45."],
      [0, "Baker, S., 2003, ApJ, 590, 12."],
      [0, "Clark, T., 2004, MNRAS, 350, 1."],
    ]),
  );
  assert.deepEqual(
    flat.map((r) => r.raw.slice(0, 6)),
    ["Adams,", "Baker,", "Clark,"],
  );
});
