// Fills a UI message: `{name}` is the value as given; `{name|form|…}` is the word that agrees
// with the count `name`, one form per plural category of the language (plural.ts), so a
// translator writes "{points} {points|bod|boda|bodova}" and the number keeps its own format.
import { pluralForm } from "./plural.js";

const placeholder = /\{(\w+)((?:\|[^{}|]*)+)?\}/g;

/** A placeholder with no value stays as written, so a missing parameter shows in the page. */
export function fillMessage(template: string, params: Readonly<Record<string, unknown>>, locale: string): string {
  return template.replace(placeholder, (whole, name: string, forms: string | undefined) => {
    if (!(name in params)) return whole;
    if (forms === undefined) return String(params[name] ?? "");
    return pluralForm(locale, params[name], forms.slice(1).split("|"));
  });
}

/** The forms a template gives each count, for checking them against the language's categories. */
export function pluralPlaceholders(template: string): { name: string; forms: string[] }[] {
  return [...template.matchAll(placeholder)].filter((m) => m[2] !== undefined).map((m) => ({ name: m[1]!, forms: m[2]!.slice(1).split("|") }));
}
