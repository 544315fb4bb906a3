import type { Response } from "express";
import { latinToCyrillic, stripEscapes } from "../../../authoring/text/transliterate-sr.js";
import { fillMessage } from "../../domain/message-template.js";
import { en } from "./en.js";
import { type UiStringKey, srLatn } from "./sr-Latn.js";

export const uiLanguages = ["sr-Latn", "sr-Cyrl", "en"] as const;
export type UiLanguage = (typeof uiLanguages)[number];
export type UiStrings = Readonly<Record<UiStringKey, string>>;

/** Each language named in itself, as a switch should show it. */
export const languageNames: Readonly<Record<UiLanguage, string>> = { "sr-Latn": "Latinica", "sr-Cyrl": "Ћирилица", en: "English" };

export const languageCookie = "obuka_lang";

export function parseUiLanguage(value: unknown): UiLanguage | undefined {
  return uiLanguages.find((lang) => lang === value);
}

/** The three tables; sr-Cyrl is transliterated from sr-Latn so the two scripts cannot drift. */
export function buildUiStrings(): Readonly<Record<UiLanguage, UiStrings>> {
  const latin = {} as Record<UiStringKey, string>;
  const cyrillic = {} as Record<UiStringKey, string>;
  for (const [key, text] of Object.entries(srLatn) as [UiStringKey, string][]) {
    latin[key] = stripEscapes(text);
    cyrillic[key] = latinToCyrillic(keepPlaceholderNames(text));
  }
  return { "sr-Latn": latin, "sr-Cyrl": cyrillic, en };
}

/**
 * A placeholder's name (`{points}`, `{points|bod|boda|bodova}`) is code, not Serbian: kept in
 * Latin so the Cyrillic table fills the same parameters; the plural forms are transliterated.
 */
function keepPlaceholderNames(text: string): string {
  return text.replace(/\{(\w+)(?=[|}])/g, "{{=$1=}");
}

/**
 * Fills `{name}` placeholders and `{name|form|…}` plural words in the language's plural rules;
 * a value is inserted as given (the template escapes the result).
 */
export function formatUiString(template: string, params: Readonly<Record<string, unknown>>, lang: UiLanguage): string {
  return fillMessage(template, params, lang);
}

/**
 * A content language map (course and AU titles) in the page's language: sr-Cyrl falls back
 * to the Latin text transliterated, then each language falls back to Serbian Latin, English,
 * then whatever the content offers.
 */
export function pickLanguage(map: unknown, lang: UiLanguage = "sr-Latn"): string {
  if (typeof map === "string") return map;
  if (typeof map !== "object" || map === null) return "";
  const texts = map as Record<string, string>;
  const latin = texts["sr-Latn"] ?? texts["sr-Latn-RS"] ?? texts.sr;
  const english = texts.en ?? texts["en-US"] ?? texts["en-GB"];
  const chosen =
    lang === "en" ? english
    : lang === "sr-Cyrl" ? texts["sr-Cyrl"] ?? texts["sr-Cyrl-RS"] ?? (latin === undefined ? undefined : latinToCyrillic(latin))
    : latin;
  return chosen ?? latin ?? english ?? Object.values(texts)[0] ?? "";
}

/** The language chosen for this response (see the router's language middleware). */
export function uiLanguageOf(res: Response): UiLanguage {
  return parseUiLanguage(res.locals.obukaLanguage) ?? "sr-Latn";
}
