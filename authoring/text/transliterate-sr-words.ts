// Word lists of the Serbian transliterator. Stems match the start of a lower-case word (so
// they cover inflections: injekcija, injekcije, injekciju); a leading "ne" is allowed too.
// The digraph lists follow the exception lists used by Serbian transliterators (e.g.
// cirilizator) and normative spelling: the pair is two letters across a prefix boundary
// (nad-živeti, od-žaliti, in-jekcija, kon-junkcija) or in Ijekavian forms (d-jeca, gd-je).

export const digraphExceptions: Readonly<Record<"dž" | "nj" | "lj" | "dj", readonly string[]>> = {
  dž: [
    "feldžandarm", "nadžanj", "nadždrel", "nadžel", "nadžeo", "nadžet", "nadživ", "nadžinj", "nadžnj", "nadžrec", "nadžup",
    "odžali", "odžari", "odžel", "odžive", "odživljava", "odžubor", "odžvaka", "odžval", "odžvać",
    "podžanr", "podžel", "podže", "podžig", "podžiz", "podžil", "podžnje", "podžupan", "predželu", "predživot",
  ],
  nj: ["anjon", "injaric", "injekc", "injekt", "injicira", "injurij", "injunkc", "kenjon", "konjug", "konjunk", "tanjug", "vanjezičk", "vanjadransk", "panjevrop", "panjugoslov"],
  // No common Serbian word splits lj; the list exists so the rule has one shape for every digraph.
  lj: [],
  // dj is read as đ (legacy typing: Djordje, medju) except where it is d + j.
  dj: [
    "adjektiv", "adjunkt", "bdje", "bezdje", "blijedje", "vidjel", "vidjet", "višenedje", "vrijedje", "gdje", "daždje", "dvonedje",
    "djeva", "djevi", "djevo", "djed", "djejstv", "djel", "djet", "djec", "dječ", "dovdje", "dodjel", "drugdje", "zavidje", "zadjev",
    "zadjen", "zdje", "igdje", "izvidje", "izdjelj", "jednonedje", "kojegdje", "lebdje", "ludjel", "ludjet", "međudjel", "nadjača", "nadjev",
    "nadjenu", "negdje", "nedjel", "nigdje", "obdjel", "ovdje", "odjav", "odjah", "odjaš", "odjev", "odjed", "odjezd", "odjek", "odjel", "odjen",
    "odjeć", "odjec", "odjur", "ondje", "opredje", "pogdje", "podjakn", "podjamč", "podjar", "podjed", "podjezič", "podjel", "podjen", "podjet",
    "pododjel", "poludje", "poljodjel", "ponegdje", "ponedjelj", "posjedje", "postidje", "poštedje", "pradjed", "previdje", "predvidje",
    "predjel", "pridjev", "pridjen", "prodjen", "raspodje", "razvidje", "razdjev", "razdjel", "remekdjel", "svagdje", "svidje", "svugdje",
    "sjedje", "snabdje", "stidje", "sudjel", "uvidje", "udjel", "udjen", "uštedje", "čukundjed", "štedje", "šukundjed",
  ],
};

/** Words that are foreign only in look (a prefix meets a root): transliterated as Serbian. */
export const serbianStemsWithForeignLook: readonly string[] = [
  "shvat", "shod", "prethod", "oddalj", "oddah", "nee", "pree", "pothran", "pothodn", "posthumn", "posttraum", "posttrans", "poddirekt", "poddisciplin", "poddomen",
  "preddijabet", "prekookean", "interresor", "interreakc", "vannastav", "kock", "palack", "zoo", "naddu", "ommetar",
];

/** Letter pairs English and other languages use and Serbian words do not (outside the stems above). */
export const foreignCombinations: readonly string[] = ["th", "sh", "ch", "ph", "ck", "gh", "ee", "ll", "ss", "tt", "ff", "pp", "bb", "dd", "gg", "zz"];

/** Starts of common foreign words and brands met in course texts. */
export const foreignStems: readonly string[] = [
  "administration", "adobe", "advanced", "bitcoin", "cloud", "default", "develop", "email", "e-mail", "english", "facebook", "gmail",
  "google", "iphon", "javascript", "linkedin", "mail", "manager", "microsoft", "online", "outlook", "podcast", "project", "screenshot", "share",
  "smartphone", "stream", "username", "viber", "zoom", "youtube", "whatsapp", "teams", "moodle",
];

/** Whole words that are foreign (English function words above all). */
export const foreignWords: ReadonlySet<string> = new Set([
  "and", "or", "covid", "of", "for", "the", "in", "at", "by", "with", "from", "is", "are", "be", "air", "home", "life", "live", "login",
  "logout", "made", "public", "terms", "url", "pdf", "online", "offline", "league", "america", "information",
  "development", "education", "parent", "resources", "training", "service", "services",
]);
