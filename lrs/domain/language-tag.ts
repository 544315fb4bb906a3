// RFC 5646 language tags (BCP 47), the keys of xAPI language maps and context.language
// (Data 4.2). Checks the syntax of section 2.1 and the two uniqueness rules of 2.2.5 and
// 2.2.6 that make a tag "valid" short of the subtag registry: no repeated variant, no
// repeated extension singleton.

const ALPHANUM = "[a-z0-9]";
const LANGUAGE = "(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})";
const SCRIPT = "(?:-[a-z]{4})?";
const REGION = "(?:-(?:[a-z]{2}|[0-9]{3}))?";
const VARIANTS = `((?:-(?:${ALPHANUM}{5,8}|[0-9]${ALPHANUM}{3}))*)`;
const EXTENSIONS = `((?:-[0-9a-wy-z](?:-${ALPHANUM}{2,8})+)*)`;
const PRIVATE_USE = `(?:-x(?:-${ALPHANUM}{1,8})+)?`;
const LANGTAG = new RegExp(`^${LANGUAGE}${SCRIPT}${REGION}${VARIANTS}${EXTENSIONS}${PRIVATE_USE}$`, "i");
const PRIVATE_USE_ONLY = new RegExp(`^x(?:-${ALPHANUM}{1,8})+$`, "i");
/** RFC 5646 2.2.8: the grandfathered tags, still well-formed. */
const GRANDFATHERED = new Set(
  [
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn",
    "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
    "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
  ].map((tag) => tag.toLowerCase()),
);

export function isLanguageTag(tag: string): boolean {
  if (GRANDFATHERED.has(tag.toLowerCase()) || PRIVATE_USE_ONLY.test(tag)) return true;
  const match = LANGTAG.exec(tag);
  if (match === null) return false;
  const variants = (match[1] ?? "").toLowerCase().split("-").filter(Boolean);
  if (new Set(variants).size !== variants.length) return false;
  const singletons = (match[2] ?? "").toLowerCase().split("-").filter((subtag) => subtag.length === 1);
  return new Set(singletons).size === singletons.length;
}
