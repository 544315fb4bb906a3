// Which plural form a count takes in a language, by CLDR's rules as the runtime ships them
// (Intl.PluralRules), so "1 bod, 2 boda, 5 bodova, 21 bod" needs no table of our own.

/** CLDR's categories in CLDR's order; a language's forms are written in this order. */
const cldrOrder: readonly Intl.LDMLPluralRule[] = ["zero", "one", "two", "few", "many", "other"];

/** A language's rules and its categories in CLDR order, built once per locale. */
const byLocale = new Map<string, { rules: Intl.PluralRules; categories: readonly Intl.LDMLPluralRule[] }>();

function pluralRulesOf(locale: string): { rules: Intl.PluralRules; categories: readonly Intl.LDMLPluralRule[] } {
  let entry = byLocale.get(locale);
  if (!entry) {
    const rules = new Intl.PluralRules(locale);
    const present = new Set(rules.resolvedOptions().pluralCategories);
    entry = { rules, categories: cldrOrder.filter((category) => present.has(category)) };
    byLocale.set(locale, entry);
  }
  return entry;
}

/** The categories a language distinguishes, in CLDR order: sr one/few/other, en one/other. */
export function pluralCategories(locale: string): readonly Intl.LDMLPluralRule[] {
  return pluralRulesOf(locale).categories;
}

/**
 * The form for `count` from `forms`, one per category of `pluralCategories(locale)`. A count that
 * is not a finite number (or forms that do not match the language) take the last form, "other".
 */
export function pluralForm(locale: string, count: unknown, forms: readonly string[]): string {
  const { rules, categories } = pluralRulesOf(locale);
  const other = forms[forms.length - 1] ?? "";
  const value = typeof count === "number" ? count : typeof count === "string" && count.trim() !== "" ? Number(count) : Number.NaN;
  if (!Number.isFinite(value) || forms.length !== categories.length) return other;
  return forms[categories.indexOf(rules.select(value))] ?? other;
}
