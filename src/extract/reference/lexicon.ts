/**
 * Small word lists that tell a reference's fields apart where the word alone is a strong hint: months, the
 * words of journal and proceedings names, publishers, places, and the cue words before editors, volumes and
 * pages. Lower case, diacritics kept (the features fold case, not accents).
 */

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

export const MONTHS =
  set(`jan january feb february mar march apr april may jun june jul july aug august sep sept
  september oct october nov november dec december janvier février mars avril mai juin juillet août septembre
  octobre novembre décembre januar februar märz juni juli oktober dezember gennaio febbraio marzo aprile maggio
  giugno luglio agosto settembre ottobre dicembre spring summer autumn fall winter`);

export const VENUE_WORDS =
  set(`journal j proc proceedings conference conf symposium symp workshop transactions
  trans review rev letters lett annals ann bulletin bull quarterly magazine acta archives arch international intl
  int national natl society soc association assoc advances adv research res studies science sciences physical phys
  chemistry chem american am european eur applied appl computing computer comput ieee acm siam springer lecture
  notes lncs zeitschrift revue rivista nature meeting congress colloquium seminar forum newsletter series`);

export const PUBLISHER_WORDS =
  set(`press publishers publishing publisher verlag editions éditions edizioni editore
  books university univ institute inst springer elsevier wiley addison wesley mcgraw hill prentice hall academic
  kluwer routledge cambridge oxford mit sage blackwell taylor francis birkhäuser dover pergamon morgan kaufmann
  north holland oreilly o'reilly penguin harper norton gruyter mohr suhrkamp beck laterza einaudi mulino gallimard
  seuil puf inc ltd co gmbh llc department dept laboratory lab corporation corp`);

/** Words of an institution's name, which a place does not have ("Computer Science Department, Duke University"). */
export const INSTITUTION_WORDS =
  set(`division school faculty center centre college group program programme science
  sciences research force society association council committee agency office ministry organization organisation
  foundation board commission bureau service union unit team`);

export const PLACES =
  set(`new york london paris berlin amsterdam boston cambridge oxford chicago tokyo heidelberg
  dordrecht washington san francisco los angeles philadelphia princeton new haven stanford berkeley toronto
  montreal sydney melbourne munich münchen frankfurt hamburg wien vienna zürich zurich geneva genève roma rome
  milano milan torino firenze bologna napoli venezia madrid barcelona lisboa moscow leipzig stuttgart göttingen
  basel bern leiden utrecht oslo stockholm copenhagen helsinki singapore beijing shanghai hong kong seoul
  ny ma ca nj uk usa germany france italy england`);

export const EDITOR_CUES = set(
  `ed eds editor editors edited hrsg hg herausgegeben dir a cura curr cur éd éds`,
);
export const VOLUME_CUES = set(
  `vol vols volume volumes bd band tome tomo t no nr num number issue heft fasc`,
);
export const PAGE_CUES = set(`pp p pages page pag s ss seiten`);
export const GENRE_WORDS = set(`thesis dissertation phd ph d master masters msc report technical tech tr memo
  preprint manuscript unpublished submitted press forthcoming draft working paper note rfc patent`);
export const PARTICLES = set(
  `van von der den de del della di da dos das du le la ten ter zu zum vander dello`,
);
