// The texts of the AU page around the trainer's content, per interface language.
import type { UiStrings } from "../runtime/au-config.js";
import { latinToCyrillic } from "../text/transliterate-sr.js";

export interface PageStrings extends UiStrings {
  next: string;
  prev: string;
  finish: string;
  submit: string;
  transcript: string;
  captionsLabel: Record<string, string>;
  noVideo: string;
  quizHeading: string;
  navigation: string;
  /** The empty option of a matching question's list. */
  choose: string;
  /** The label of a fill-in question's text field. */
  yourAnswer: string;
}

const srLatn: PageStrings = {
  next: "Dalje",
  prev: "Nazad",
  finish: "Završi",
  submit: "Predaj odgovore",
  transcript: "Transkript",
  captionsLabel: { "sr-Latn": "Srpski (latinica)", "sr-Cyrl": "Српски (ћирилица)", en: "Engleski" },
  noVideo: "Vaš pregledač ne može da prikaže ovaj video. Pročitajte transkript ispod.",
  quizHeading: "Provera znanja",
  navigation: "Kretanje kroz modul",
  choose: "Izaberite…",
  yourAnswer: "Vaš odgovor",
  connecting: "Povezivanje sa sistemom za učenje…",
  ready: "Napredak se beleži.",
  standalone: "Pregled bez praćenja: napredak se ne beleži.",
  error: "Greška u beleženju napretka:",
  finishing: "Završavanje…",
  finished: "Modul je završen.",
  passed: "položeno",
  failed: "nije položeno",
  score: "Rezultat",
  correct: "Tačno.",
  incorrect: "Netačno.",
  alreadyPassed: "Ovaj modul ste već položili; novi rezultat se ne beleži.",
  browseMode: "Pregled: rezultati se ne beleže.",
  unanswered: "Odgovorite na sva pitanja pre predaje.",
};

const en: PageStrings = {
  next: "Next",
  prev: "Back",
  finish: "Finish",
  submit: "Submit answers",
  transcript: "Transcript",
  captionsLabel: { "sr-Latn": "Serbian (Latin)", "sr-Cyrl": "Serbian (Cyrillic)", en: "English" },
  noVideo: "Your browser cannot play this video. Please read the transcript below.",
  quizHeading: "Knowledge check",
  navigation: "Module navigation",
  choose: "Choose…",
  yourAnswer: "Your answer",
  connecting: "Connecting to the learning system…",
  ready: "Progress is being recorded.",
  standalone: "Preview without tracking: progress is not recorded.",
  error: "Progress could not be recorded:",
  finishing: "Finishing…",
  finished: "Module finished.",
  passed: "passed",
  failed: "not passed",
  score: "Score",
  correct: "Correct.",
  incorrect: "Incorrect.",
  alreadyPassed: "You have already passed this module; the new result is not recorded.",
  browseMode: "Browsing: results are not recorded.",
  unanswered: "Please answer every question before submitting.",
};

/** Serbian Cyrillic is transliterated from Latin, so the two never drift apart. */
const srCyrl = transliterateStrings(srLatn);

function transliterateStrings(strings: PageStrings): PageStrings {
  const entries = Object.entries(strings).map(([key, value]) => [key, typeof value === "string" ? latinToCyrillic(value) : transliterateStrings(value as unknown as PageStrings)]);
  return Object.fromEntries(entries) as PageStrings;
}

/** Serbian Latin unless the page language is English or Serbian Cyrillic. */
export function pageStrings(lang: string): PageStrings {
  if (lang === "en" || lang.startsWith("en-")) return en;
  return lang === "sr-Cyrl" ? srCyrl : srLatn;
}

export function uiStrings(strings: PageStrings): UiStrings {
  const { next: _n, prev: _p, finish: _f, submit: _s, transcript: _t, captionsLabel: _c, noVideo: _v, quizHeading: _q, navigation: _g, choose: _ch, yourAnswer: _y, ...ui } = strings;
  return ui;
}
