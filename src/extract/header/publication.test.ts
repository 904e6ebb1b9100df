import assert from "node:assert/strict";
import { test } from "node:test";
import { textLine } from "../../testing/lines.ts";
import { splitAuthors } from "./authors.ts";
import { readCover } from "./cover.ts";
import {
  beforeStamp,
  citedAuthors,
  isVenueLine,
  plausibleYear,
  publicationFacts,
  readArxivStamp,
  readCitation,
  seriesAfterYear,
} from "./publication.ts";
import { cleanTitle, isBanner } from "./title.ts";

test("year and venue from a proceedings footer over two lines, and a copyright line", () => {
  const lines = [
    textLine("We compare with earlier work (Banko et al., 2007; Smith 1986).", { top: 100 }),
    textLine(
      "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics, pages 696–703,",
      { top: 700, size: 9 },
    ),
    textLine("Prague, Czech Republic, June 2007. c 2007 Association for Computational Linguistics", {
      top: 710,
      size: 9,
    }),
  ];
  const facts = publicationFacts(lines, new Set(lines.slice(1)));
  assert.equal(facts.year, 2007);
  assert.equal(
    facts.venue,
    "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics",
  );
  assert.equal(facts.yearFrom, "proceedings");
});

test("a conference's line in a copyright block gives its name and year; in the text it does not", () => {
  for (const [line, venue, year] of [
    [
      "CHI 2013 Extended Abstracts, April 27–May 2, 2013, Paris, France.",
      "CHI 2013 Extended Abstracts",
      2013,
    ],
    ["KDD’12, August 12–16, 2012, Beijing, China.", "KDD’12", 2012],
  ] as const) {
    const lines = [
      textLine("Copyright is held by the author/owner(s).", { size: 7 }),
      textLine(line, { size: 7 }),
    ];
    const facts = publicationFacts(lines, new Set(lines));
    assert.deepEqual([facts.venue, facts.year, facts.yearFrom], [venue, year, "proceedings"]);
    assert.equal(publicationFacts(lines, new Set()).year, undefined);
  }
  // A word and a year before a date is no conference: "Berlin 2013, May 2, 2013".
  const city = [textLine("Berlin 2013, May 2, 2013, a meeting", { size: 7 })];
  assert.equal(publicationFacts(city, new Set(city)).venue, undefined);
});

test("a publisher's copyright block names its journal: before the mark, or on the line over it", () => {
  const inline = [
    textLine("Time & Society copyright © 2007 SAGE (London, Los Angeles, New Delhi)", { size: 8 }),
  ];
  assert.deepEqual(
    [publicationFacts(inline, new Set(inline)).venue, publicationFacts(inline, new Set(inline)).year],
    ["Time & Society", 2007],
  );
  const block = [
    textLine("European Journal of Industrial Relations", { size: 8, top: 700 }),
    textLine("© 2005 SAGE (London, Thousand Oaks, CA and New Delhi)", { size: 8, top: 719 }),
  ];
  assert.equal(publicationFacts(block, new Set(block)).venue, "European Journal of Industrial Relations");
  // A sentence over it, or a line far above, names no journal.
  const sentence = [textLine("We thank the referees.", { size: 8, top: 700 }), block[1]];
  assert.equal(publicationFacts(sentence, new Set(sentence)).venue, undefined);
  const far = [{ ...block[0], top: 600, bottom: 608 }, block[1]];
  assert.equal(publicationFacts(far, new Set(far)).venue, undefined);
});

test("a running head that cites the journal gives its name (and year): 'zfwu 6/2 (2005), 155-172', 'Journal 11(2)'", () => {
  const head = (text: string) => ({ ...textLine(text, { size: 10 }), furniture: true });
  const cited = [head("zfwu 6/2 (2005), 155-172")];
  assert.deepEqual(
    [publicationFacts(cited, new Set()).venue, publicationFacts(cited, new Set()).year],
    ["zfwu", 2005],
  );
  const volume = [head("European Journal of Industrial Relations 11(2)")];
  assert.deepEqual(
    [publicationFacts(volume, new Set()).venue, publicationFacts(volume, new Set()).year],
    ["European Journal of Industrial Relations", undefined],
  );
  // In the text, the same words are no running head.
  assert.equal(publicationFacts([textLine("zfwu 6/2 (2005), 155-172")], new Set()).venue, undefined);
});

test("a journal's line in small print: name (year) volume:pages, or name (ISSN …)", () => {
  const springer = [textLine("Rev World Econ (2009) 145:469–488", { size: 8 })];
  const facts = publicationFacts(springer, new Set(springer));
  assert.deepEqual([facts.venue, facts.year], ["Rev World Econ", 2009]);
  const issn = [
    textLine("Forum Qualitative Sozialforschung / Forum: Qualitative Social Research (ISSN 1438-5627)"),
  ];
  assert.equal(
    publicationFacts(issn, new Set(issn)).venue,
    "Forum Qualitative Sozialforschung / Forum: Qualitative Social Research",
  );
  assert.equal(publicationFacts(issn, new Set()).venue, undefined, "not in the running text");
});

test("no year is taken from the text: a cited year or an event's stays out", () => {
  const text = [textLine("In 1986 the law changed (Smith 2001); we study 2040 projections.", { top: 100 })];
  assert.deepEqual(publicationFacts(text, new Set()), {});
  const copyright = [textLine("(c) 1998 figures are in the appendix", { top: 100 })];
  assert.equal(
    publicationFacts(copyright, new Set()).year,
    undefined,
    "a list item in the text is no copyright",
  );
  assert.equal(publicationFacts(copyright, new Set(copyright)).year, 1998);
  assert.equal(plausibleYear(2040, 2026), undefined);
});

test("a journal's running head gives its name and year", () => {
  const head = textLine("Media and Communication (ISSN: 2183-2439) 2017, Volume 5, Issue 3, Pages 95–102", {
    top: 20,
    size: 8,
  });
  head.furniture = true;
  assert.deepEqual(publicationFacts([head], new Set([head])), {
    year: 2017,
    yearFrom: "running-head",
    venue: "Media and Communication",
    venueFrom: "running-head",
  });
});

test("an issue's date before its volume is no journal's name: the year is taken, the venue left empty", () => {
  // The Journal of Statistical Software's masthead: its name on the line above, the date first on this one.
  const masthead = textLine("July 2008, Volume 27, Issue 3. doi: 10.18637/jss.v000.i00", {
    top: 40,
    size: 9,
  });
  const head = textLine("Quarterly Review 3 December 2011, Volume 4, Issue 2", { top: 20, size: 8 });
  head.furniture = true;
  const facts = publicationFacts([masthead], new Set([masthead]));
  assert.equal(facts.year, 2008);
  assert.equal(facts.venue, undefined);
  assert.equal(publicationFacts([head], new Set([head])).venue, "Quarterly Review");
  // A day after its month, as SPIE's running foot prints it ("Optical Engineering 1 May 29, 2006/Vol. 00(0)",
  // its date set apart from the name): no venue "May 29".
  const foot = textLine("May 29, 2006/Vol. 00(0)", { top: 780, size: 8 });
  foot.furniture = true;
  const american = publicationFacts([foot], new Set([foot]));
  assert.equal(american.year, 2006);
  assert.equal(american.venue, undefined);
  const dated = textLine("Optical Engineering May 29, 2006/Vol. 00(0)", { top: 780, size: 8 });
  dated.furniture = true;
  assert.equal(publicationFacts([dated], new Set([dated])).venue, "Optical Engineering");
});

test("a masthead's journal name on the line over its imprint line, less the logo's acronym", () => {
  const name = textLine("JSS Journal of Statistical Software", { top: 28, size: 12 });
  const imprint = textLine("July 2008, Volume 27, Issue 3. doi: 10.18637/jss.v000.i00", { top: 42, size: 9 });
  const both = [name, imprint];
  assert.deepEqual(publicationFacts(both, new Set(both)), {
    year: 2008,
    yearFrom: "running-head",
    venue: "Journal of Statistical Software",
    venueFrom: "running-head",
  });
  // Not a line in the text above it, nor one far above, nor a line that is no name.
  assert.equal(publicationFacts(both, new Set([imprint])).venue, undefined);
  const far = textLine("Journal of Statistical Software", { top: 2, size: 12 });
  assert.equal(publicationFacts([far, imprint], new Set([far, imprint])).venue, undefined);
  const sentence = textLine("This paper was written in the summer.", { top: 28, size: 12 });
  assert.equal(publicationFacts([sentence, imprint], new Set([sentence, imprint])).venue, undefined);
  // The masthead's line is then no title: it is the venue, but for the logo's acronym.
  assert.ok(isVenueLine("JSS Journal of Statistical Software", "Journal of Statistical Software"));
  assert.ok(isVenueLine("Journal of statistical software.", "Journal of Statistical Software"));
  assert.ok(
    !isVenueLine(
      "Software Testing with the Journal of Statistical Software",
      "Journal of Statistical Software",
    ),
  );
  assert.ok(!isVenueLine("Journal of Statistical Software Engineering", "Journal of Statistical Software"));
});

test("a journal's name and year over its volume or DOI in small print; the paper's own citation as 'Reference:'", () => {
  const head = [
    textLine("Survey Research Methods (2017)", { top: 40, size: 7 }),
    textLine("Vol. 11, No. 1, pp. 17-44", { top: 48, size: 6 }),
    textLine("doi:10.18148/srm/2017.v11i1.7149", { top: 56, size: 6 }),
  ];
  assert.deepEqual(publicationFacts(head, new Set(head)), {
    year: 2017,
    venue: "Survey Research Methods",
    yearFrom: "running-head",
    venueFrom: "running-head",
  });
  // Alone, or in the text, such a line is a citation of another work.
  assert.deepEqual(publicationFacts(head.slice(0, 1), new Set(head.slice(0, 1))), {});
  assert.deepEqual(publicationFacts(head, new Set()), {});
  const own = [
    textLine('Reference: Chuttur M.Y. (2009). "Overview of the Technology Acceptance Model: Origins,', {
      top: 40,
    }),
    textLine("Developments and Future Directions", { top: 52 }),
  ];
  assert.equal(publicationFacts(own, new Set()).year, 2009);
});

test("the year from an imprint: a series number, an issue's date, a year alone, a journal line with its pages", () => {
  const yearOf = (text: string, where: "furniture" | "front" | "aside" | "text") => {
    const l = textLine(text, { top: 20, size: 9 });
    l.furniture = where === "furniture";
    return publicationFacts([l], new Set(where === "text" ? [] : [l]), new Set(where === "front" ? [l] : []));
  };
  assert.deepEqual(yearOf("GESIS Papers 2016|02", "furniture"), {
    year: 2016,
    yearFrom: "running-head",
    venue: "GESIS Papers",
    venueFrom: "running-head",
  });
  assert.equal(yearOf("soFid Familienforschung 2007/2", "furniture").year, 2007);
  assert.equal(yearOf("Ausgabe 51 Februar 2014", "aside").year, 2014);
  assert.equal(yearOf("ISI 51 – Februar 2014", "furniture").year, 2014);
  assert.equal(yearOf("2005", "front").year, 2005);
  const journal = yearOf(
    "Discourse. Journal of Childhood and Adolescence Research Heft 2-2016, S. 253-256",
    "aside",
  );
  assert.equal(journal.year, 2016);
  assert.equal(journal.venue, "Discourse. Journal of Childhood and Adolescence Research");
  // Not a publication year: a year in the text, a paper's history, an academic year, a table's column in small
  // print, a chart's axis label in a running foot, a long line of the front matter without the paper's pages.
  assert.equal(yearOf("2005", "text").year, undefined);
  assert.equal(yearOf("Received 12 December 2009", "front").year, undefined);
  assert.equal(yearOf("2005", "aside").year, undefined);
  assert.equal(yearOf("Jahresbericht 1994/95", "furniture").year, undefined);
  assert.equal(yearOf("2005", "furniture").year, undefined);
  assert.equal(
    yearOf(
      "Die Ergebnisse des Mikrozensus 2005 zeigen, Heft 2 der Reihe, einen Anstieg der Erwerbsquote",
      "aside",
    ).year,
    undefined,
  );
});

test("a repository cover page: title, catalogue authors, and the citation's year and venue", () => {
  const cover = readCover([
    textLine("www.ssoar.info", { top: 20, size: 9 }),
    textLine("Zwischen Entgrenzung und Inszenierung :", { top: 80, size: 16, bold: true }),
    textLine("eine Fallstudie zu Formen fußballbezogener", { top: 100, size: 16, bold: true }),
    textLine("Zuschauergewalt", { top: 120, size: 16, bold: true }),
    textLine("Leistner, Alexander", { top: 145, size: 11 }),
    textLine("Veröffentlichungsversion / Published Version", { top: 170, size: 9 }),
    textLine("Empfohlene Zitierung / Suggested Citation:", { top: 240, size: 9 }),
    textLine(
      "Leistner, A. (2008). Zwischen Entgrenzung und Inszenierung : eine Fallstudie zu Formen fußballbezogener",
      { top: 251, size: 9 },
    ),
    textLine(
      "Zuschauergewalt. Sport und Gesellschaft, 5(2), 111-133. http://nbn-resolving.de/urn:nbn:de:0168-ssoar-119166",
      { top: 262, size: 9 },
    ),
    textLine("Nutzungsbedingungen:", { top: 300, size: 9 }),
  ]);
  assert.equal(
    cover.title,
    "Zwischen Entgrenzung und Inszenierung: eine Fallstudie zu Formen fußballbezogener Zuschauergewalt",
  );
  assert.deepEqual(cover.author, [{ family: "Leistner", given: "Alexander" }]);
  assert.equal(cover.year, 2008);
  assert.equal(cover.venue, "Sport und Gesellschaft");
});

test("titles lose a label before them and a footnote number after; authors split on every separator", () => {
  assert.equal(
    cleanTitle("ABSTRACT Market Integration and Market Structure"),
    "Market Integration and Market Structure",
  );
  assert.equal(
    cleanTitle("Review Article History, Tyranny, and Democracy in Zimbabwe"),
    "History, Tyranny, and Democracy in Zimbabwe",
  );
  assert.equal(
    cleanTitle("Familiengründung und Erwerbstätigkeit im Lebenslauf1"),
    "Familiengründung und Erwerbstätigkeit im Lebenslauf",
  );
  assert.equal(cleanTitle("Windows 10"), "Windows 10");
  assert.equal(
    cleanTitle("Fitting Linear Mixed-Effects Models Using lme4"),
    "Fitting Linear Mixed-Effects Models Using lme4",
  );
  assert.equal(cleanTitle("Ein Leben2"), "Ein Leben", "a word of five letters and more loses it");
  assert.deepEqual(
    splitAuthors("Lars Jensen Æ Teit Lüthje").map((a) => a.family),
    ["Jensen", "Lüthje"],
  );
  assert.deepEqual(
    splitAuthors("Martin Maechler and Douglas Bates\nR Core Development Team\nDebian Project").map(
      (a) => a.family,
    ),
    ["Maechler", "Bates"],
    "a team or a project is no person",
  );
  assert.deepEqual(
    splitAuthors("Ann Smith\nSociété Mathématique de France\nAcademy of Finland").map((a) => a.family),
    ["Smith"],
    "nor a society or an academy, in any language",
  );
  assert.deepEqual(
    splitAuthors("Ann Smith and Bob Lee\nAnn Smith").map((a) => a.family),
    ["Smith", "Lee"],
    "each person once",
  );
  assert.deepEqual(
    splitAuthors("ANDREAS RASCHE AND MANUEL ESCUDERO*").map((a) => [a.given, a.family]),
    [
      ["Andreas", "Rasche"],
      ["Manuel", "Escudero"],
    ],
  );
  assert.deepEqual(
    splitAuthors("Maria de Andrade · João da Costa").map((a) => [a["non-dropping-particle"], a.family]),
    [
      ["de", "Andrade"],
      ["da", "Costa"],
    ],
  );
  // A title's words the model read as names are no person; particles are kept.
  assert.deepEqual(
    splitAuthors("Charles Q. Lau, A Split Ballot Experiment in Ethiopia").map((a) => a.family),
    ["Lau"],
  );
  assert.deepEqual(
    splitAuthors("Klaus Eder\nDie Ambivalenz").map((a) => a.family),
    ["Eder"],
  );
  assert.deepEqual(splitAuthors("Sozio-oekonomischen Panels. – Berlin"), []);
  assert.deepEqual(
    splitAuthors("Donatella della Porta and Ulrich van Suntum").map((a) => a.family),
    ["Porta", "Suntum"],
  );
});

test("a title page's person has a given name: a lone word the model took for a name is no author", () => {
  assert.deepEqual(
    splitAuthors("Werner Eder\nZusammenfassung\nInhaltsverzeichnis").map((a) => a.family),
    ["Eder"],
  );
  assert.deepEqual(
    splitAuthors("Russia, Norway, It").map((a) => a.family),
    [],
  );
  assert.deepEqual(
    splitAuthors("Der Industriekultur....................").map((a) => a.family),
    [],
  );
});

test("a title without a word of letters (glyphs with no usable text) is left empty", () => {
  assert.equal(cleanTitle("  -         -   -    -"), undefined);
  assert.equal(cleanTitle("1 2 3"), undefined);
  assert.equal(cleanTitle("Ulysses"), "Ulysses");
});

test("series banners, section labels and software stamps are never a title", () => {
  for (const banner of [
    "Working Paper Series",
    "Forum Section",
    "RESEARCH",
    "WZB Discussion Paper SP II 2005-01",
    "DUISBURGER BEITRÄGE No. 4/2005",
    "PDF-Export per Menü Datei / Als PDF freigeben",
  ])
    assert.ok(isBanner(banner), banner);
  for (const title of ["Research Methods in Political Science", "Research in Asia", "The Forum of Democracy"])
    assert.ok(!isBanner(title), title);
});

test("a report's imprint page gives the year of its place-and-date line, not of its editorial deadline", () => {
  const imprint = [
    "Impressum",
    "Herausgeber:",
    "Institut für Schulqualität der Länder Berlin und Brandenburg e.V. (ISQ)",
    "Redaktionsschluss:",
    "November 2010",
    "Berlin, April 2011",
  ].map((t, i) => textLine(t, { top: 80 + 14 * i, page: 2, size: 11 }));
  assert.equal(publicationFacts(imprint, new Set()).year, 2011);
  // The same line in the running text of a page with no imprint is a date like any other.
  const text = [
    textLine("Die Befragung fand statt in", { top: 80, page: 2 }),
    textLine("Berlin, April 2011", { top: 94, page: 2 }),
  ];
  assert.equal(publicationFacts(text, new Set()).year, undefined);
  // In the front matter (a report's title page) it is the report's date.
  assert.equal(publicationFacts(text, new Set(), new Set([text[1]])).year, 2011);
});

test("a repository's citation gives a report's series from the brackets after its place and year", () => {
  assert.equal(
    readCitation(
      "Wotschack, Philip: Lebenslaufpolitik in den Niederlanden : gesetzliche Optionen. Berlin, 2006 (Discussion Papers / Wissenschaftszentrum Berlin für Sozialforschung, Forschungsschwerpunkt Arbeit, Sozialstruktur und Sozialstaat, Abteilung Arbeitsmarktpolitik und Beschäftigung 2006-115). http://nbn-resolving.de/urn:nbn:de:0168-ssoar-114483",
    ).venue,
    "Discussion Papers / Wissenschaftszentrum Berlin für Sozialforschung",
  );
  assert.equal(seriesAfterYear("Mannheim, 1999 (ZUMA-Arbeitsbericht 1999/05)"), "ZUMA-Arbeitsbericht");
  // Brackets after a year that hold no name, or no brackets: no series.
  assert.equal(seriesAfterYear("Berlin, 2006 (2006-115)"), undefined);
  assert.equal(seriesAfterYear("Smith, J. (2006): A title. Berlin."), undefined);
});

test("a series' banner with its number in the front matter or a running head gives the venue, last of all", () => {
  const banner = textLine("ZUMA-Arbeitsbericht 99/05", { top: 60, size: 12 });
  const title = textLine("Diskussionen über implizite Theorien", { top: 90, size: 16 });
  assert.equal(
    publicationFacts([banner, title], new Set(), new Set([banner, title])).venue,
    "ZUMA-Arbeitsbericht",
  );
  const head = { ...textLine("SWP-Zeitschriftenschau 3", { top: 20, size: 8 }), furniture: true };
  assert.equal(publicationFacts([head], new Set()).venue, "SWP-Zeitschriftenschau");
  // In the running text, or without a series' word, it is no venue.
  assert.equal(publicationFacts([banner], new Set()).venue, undefined);
  const line = textLine("Tabelle 3", { top: 60 });
  assert.equal(publicationFacts([line], new Set(), new Set([line])).venue, undefined);
});

test("arXiv's margin stamp: the identifier with its version and the version's year; nothing from other rotated text", () => {
  assert.deepEqual(readArxivStamp("arXiv:1703.05984v1 [stat.CO] 17 Mar 2017"), {
    arxiv: "1703.05984v1",
    year: 2017,
  });
  assert.deepEqual(readArxivStamp("arXiv:hep-th/9901001v2 [hep-th] 3 Jan 1999"), {
    arxiv: "hep-th/9901001v2",
    year: 1999,
  });
  assert.equal(readArxivStamp("Figure 3: accuracy 2014 2015"), undefined);
  assert.equal(readArxivStamp("Draft of 12 Mar 2014"), undefined);
});

test("the paper's own sentence on where it was published gives its year and journal; another work's does not", () => {
  const own = [
    textLine("Keywords: sparse matrix methods, linear mixed models.", { top: 500 }),
    textLine("A version of this manuscript has been published online in the Journal of Statistical Soft-", {
      top: 530,
    }),
    textLine("ware, on Oct. 2015, with DOI 10.18637/jss.v067.i01, see https://www.jstatsoft.org/.", {
      top: 542,
    }),
  ];
  const facts = publicationFacts(own, new Set());
  assert.equal(facts.year, 2015);
  assert.equal(facts.venue, "Journal of Statistical Software");
  assert.equal(facts.yearFrom, "citation");
  const other = [
    textLine("Their results were published in the Journal of Applied Statistics, 2009, and this paper", {
      top: 500,
    }),
    textLine("extends work published in Biometrika (2011).", { top: 512 }),
  ];
  assert.deepEqual(publicationFacts(other, new Set()), {});
});

test("the paper's own sentence on the publication it is a version of gives its year and journal", () => {
  const based = [
    textLine(
      "This introduction to the twinSIR modeling framework of the R package surveillance is based on a",
      {
        top: 50,
      },
    ),
    textLine(
      "publication in the Journal of Statistical Software – Meyer, Held, and Höhle (2017, Section 4) –",
      {
        top: 62,
      },
    ),
    textLine("which is the suggested reference if you use the twinSIR implementation in your own work.", {
      top: 74,
    }),
  ];
  const facts = publicationFacts(based, new Set());
  assert.equal(facts.year, 2017);
  assert.equal(facts.venue, "Journal of Statistical Software");
  const modified = [
    textLine("This vignette is a slightly modified version of an article in the Journal of Statistical", {
      top: 50,
    }),
    textLine("Software (Zeileis 2004).", { top: 62 }),
  ];
  assert.equal(publicationFacts(modified, new Set()).year, 2004);
  // Another work's: not this paper's version.
  const other = [
    textLine("This paper is based on earlier work (Smith 2010) in the Journal of Things.", { top: 50 }),
  ];
  assert.deepEqual(publicationFacts(other, new Set()), {});
});

test("ACM's reference format line is the paper's citation: its year, venue, and all its authors where the byline gave some", () => {
  const lines = [
    textLine("ACM Reference Format:", { top: 311, size: 9 }),
    textLine(
      "Ben Trovato, G.K.M. Tobin, Lars Thørväld, Valerie Béranger, Aparna Patel, Huifen Chan, Charles Palmer, John",
      {
        top: 321,
        size: 9,
      },
    ),
    textLine(
      "Smith, and Julius P. Kumquat. 2018. The Name of the Title Is Hope. J. ACM 37, 4, Article 1 (August 2018),",
      {
        top: 332,
        size: 9,
      },
    ),
    textLine("10 pages. https://doi.org/XXXXXXX.XXXXXXX", { top: 343, size: 9 }),
  ];
  const facts = publicationFacts(lines, new Set(lines));
  assert.equal(facts.year, 2018);
  assert.equal(facts.venue, "J. ACM");
  const smith = [{ given: "John", family: "SMITH" }];
  const all = citedAuthors(facts.cited, "The Name of the Title Is Hope", smith);
  assert.deepEqual(
    all?.map((n) => n.family),
    ["Trovato", "Tobin", "Thørväld", "Béranger", "Patel", "Chan", "Palmer", "Smith", "Kumquat"],
  );
  // Not where the citation is of another title, or leaves out a name the header found.
  assert.equal(citedAuthors(facts.cited, "Another Paper Entirely", smith), undefined);
  assert.equal(citedAuthors(facts.cited, "The Name of the Title Is Hope", [{ family: "Jones" }]), undefined);
  // "et al." names only the first: the header's authors stand.
  const short = publicationFacts(
    [
      textLine("Please cite as: Trovato B et al. (2018). The Name of the Title Is Hope. J. ACM 37.", {
        size: 9,
      }),
    ],
    new Set(),
  );
  assert.equal(citedAuthors(short.cited, "The Name of the Title Is Hope", []), undefined);
});

test("a version's or a draft's date is no year of the paper; a date before it on its line is", () => {
  assert.equal(beforeStamp("llncs, Version 2.22, Sep 05, 2022"), "llncs");
  assert.equal(beforeStamp("Modified: 6 March 2012. Compiled: November 1, 2022"), "Modified: 6 March 2012.");
  assert.equal(beforeStamp("September 2006 (typeset on November 10, 2022)"), "September 2006");
  assert.equal(beforeStamp("Januar 2000"), "Januar 2000");
  const lines = [
    textLine("Instructions for Using Springer’s llncs Class", { top: 60, size: 17 }),
    textLine("llncs, Version 2.22, Sep 05, 2022", { top: 90 }),
  ];
  assert.equal(publicationFacts(lines, new Set(lines), new Set(lines)).year, undefined);
  const dated = [lines[0], textLine("September 2006 (typeset on November 10, 2022)", { top: 90 })];
  assert.equal(publicationFacts(dated, new Set(dated), new Set(dated)).year, 2006);
});
