// Which plural form a count takes in a language, by CLDR's rules as the runtime ships them
// (Intl.PluralRules), so "1 bod, 2 boda, 5 bodova, 21 bod" needs no table of our own.

/** CLDR's categories in CLDR's order; a language's forms are written in this order. */
const cldrOrder: readonly Intl.LDMLPluralRule[] = ["zero", "one", "two", "few", "many", "other"];

const rulesByLocale = new Map<string, Intl.PluralRules>();

function rulesOf(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** The categories a language distinguishes, in CLDR order: sr one/few/other, en one/other. */
export function pluralCategories(locale: string): readonly Intl.LDMLPluralRule[] {
  const present = new Set(rulesOf(locale).resolvedOptions().pluralCategories);
  return cldrOrder.filter((category) => present.has(category));
}

/**
 * The form for `count` from `forms`, one per category of `pluralCategories(locale)`. A count that
 * is not a finite number (or forms that do not match the language) take the last form, "other".
 */
export function pluralForm(locale: string, count: unknown, forms: readonly string[]): string {
  const categories = pluralCategories(locale);
  const other = forms[forms.length - 1] ?? "";
  const value = typeof count === "number" ? count : typeof count === "string" && count.trim() !== "" ? Number(count) : Number.NaN;
  if (!Number.isFinite(value) || forms.length !== categories.length) return other;
  return forms[categories.indexOf(rulesOf(locale).select(value))] ?? other;
}
