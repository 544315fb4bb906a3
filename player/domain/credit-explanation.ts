// A credit's rule in words: which conditions the programme asked for, what the learner had,
// repeats, accreditation dates and caps. English is the credit's own `explanation` (JSON, CSV,
// audit); Serbian Latin is for pages and PDFs (`{=…=}` keeps a word in Latin when the edge
// transliterates it to Cyrillic).
import type { RuleCheck } from "./completion-rules.js";
import type { Repeats } from "./credit-policy.js";
import { pluralForm } from "./plural.js";

export type ExplanationLanguage = "sr-Latn" | "en";

export interface CapNote {
  category: string;
  per: "period" | "year";
  max: number;
  counted: number;
  points: number;
}

export interface ExplainedCredit {
  check: RuleCheck;
  repeats: Repeats;
  accreditation: { validFrom: string | undefined; validTo: string | undefined } | undefined;
  cap: CapNote | undefined;
}

const words = {
  en: {
    allOf: "all of", anyOf: "any of", met: "met", notMet: "not met", yes: "yes", no: "no", completed: "completed", passed: "passed",
    satisfied: "course satisfied (cmi5: every AU met its moveOn, recorded by the LMS)", notScorm: "not a SCORM package",
    role: { author: "author of the programme, recorded by the LMS", trainer: "trainer in a delivery of the programme, recorded by the LMS" },
    minScore: "quiz score", watchedShare: "recorded training watched", minMinutes: "time on task", noScore: "no score", noWatching: "nothing watched", noTime: "no time recorded",
    repeats: { "once-ever": "repeats once-ever", "once-per-period": "repeats once-per-period", each: "repeats each" },
    accredited: (from: string, to: string) => `accredited ${from} to ${to}`,
    cap: (c: CapNote) => `category ${c.category} capped at ${c.max} per ${c.per}: ${c.counted} of ${c.points} ${pluralForm("en", c.points, ["point", "points"])} ${pluralForm("en", c.counted, ["counts", "count"])}`,
  },
  "sr-Latn": {
    allOf: "sve od", anyOf: "bar jedno od", met: "ispunjeno", notMet: "nije ispunjeno", yes: "da", no: "ne", completed: "završeno", passed: "položeno",
    satisfied: "obuka zadovoljena ({=cmi5=}: sve jedinice ispunile uslov {=moveOn=}, zapisao {=LMS=})", notScorm: "nije {=SCORM=} paket",
    role: { author: "autor programa, zapisao {=LMS=}", trainer: "trener u realizaciji programa, zapisao {=LMS=}" },
    minScore: "rezultat testa", watchedShare: "odgledano od snimka obuke", minMinutes: "vreme učenja", noScore: "nema rezultata", noWatching: "ništa odgledano", noTime: "vreme nije zabeleženo",
    repeats: { "once-ever": "ponovljena obuka se ne računa", "once-per-period": "računa se jednom po periodu", each: "računa se svaki put" },
    accredited: (from: string, to: string) => `akreditovano od ${from} do ${to}`,
    cap: (c: CapNote) => `kategorija ${c.category} ograničena na ${c.max} po ${c.per === "period" ? "periodu" : "godini"}: računa se ${c.counted} ${pluralForm("sr-Latn", c.counted, ["bod", "boda", "bodova"])} od ${c.points}`,
  },
} as const;

export function explainCredit(credit: ExplainedCredit, language: ExplanationLanguage = "en"): string {
  const w = words[language];
  const parts = [describeCheck(credit.check, language), w.repeats[credit.repeats]];
  if (credit.accreditation) parts.push(w.accredited(credit.accreditation.validFrom ?? "…", credit.accreditation.validTo ?? "…"));
  if (credit.cap) parts.push(w.cap(credit.cap));
  const text = parts.join("; ");
  return language === "en" ? withoutMarkers(text) : text;
}

export function describeCheck(check: RuleCheck, language: ExplanationLanguage = "en"): string {
  const w = words[language];
  const verdict = (rule: string, value: string) => `${rule}: ${value} → ${check.met ? w.met : w.notMet}`;
  const yesNo = (value: boolean) => (value ? w.yes : w.no);
  switch (check.kind) {
    case "allOf":
    case "anyOf":
      return `${w[check.kind]} (${check.parts.map((p) => describeCheck(p, language)).join("; ")})`;
    case "satisfied":
      return verdict(w.satisfied, yesNo(check.met));
    case "moveOn":
      return verdict(`{=moveOn=} ${check.moveOn}`, `${w.completed} ${yesNo(check.completed)}, ${w.passed} ${yesNo(check.passed)}`);
    case "scorm":
      return verdict(`{=SCORM=} ${check.outcome}`, check.isScorm ? `${w.completed} ${yesNo(check.completed)}, ${w.passed} ${yesNo(check.passed)}` : w.notScorm);
    case "minScore":
      return verdict(`${w.minScore} ≥ ${percent(check.threshold)}`, check.value === undefined ? w.noScore : percent(check.value));
    case "watchedShare":
      return verdict(`${w.watchedShare} ≥ ${percent(check.threshold)}`, check.value === undefined ? w.noWatching : percent(check.value));
    case "role":
      return verdict(w.role[check.role], yesNo(check.met));
    case "minMinutes":
      return verdict(`${w.minMinutes} ≥ ${check.threshold} min`, check.value === undefined ? w.noTime : `${Math.floor(check.value)} min`);
  }
}

/** Drops the `{=…=}` markers (English and Serbian Latin text as shown). */
export function withoutMarkers(text: string): string {
  return text.replace(/\{=(.*?)=\}/g, "$1");
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}
