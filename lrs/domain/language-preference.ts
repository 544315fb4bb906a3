// Accept-Language (RFC 7231 5.3.5, ranges as in RFC 4647 basic filtering), applied to one
// language map at a time as the canonical statement format requires (2.1.3.s4).
import type { LanguageMap } from "./xapi-types.js";

export interface LanguageRange {
  range: string;
  q: number;
}

/** Unparseable entries are skipped: a bad header means "no preference", never an error. */
export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (header === undefined) return [];
  const ranges: LanguageRange[] = [];
  for (const part of header.split(",")) {
    const [rangePart, ...params] = part.split(";");
    const range = (rangePart ?? "").trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(range)) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(param);
      if (match !== null) q = Number(match[1]);
    }
    if (q > 0) ranges.push({ range, q });
  }
  // Stable sort keeps the client's order among equal weights.
  return ranges.sort((a, b) => b.q - a.q);
}

/** The one entry to keep: the most preferred language present, else the map's first entry. */
export function pickLanguage(map: LanguageMap, preferences: readonly LanguageRange[]): LanguageMap {
  const tags = Object.keys(map);
  for (const { range } of preferences) {
    const tag = range === "*" ? tags[0] : tags.find((t) => t.toLowerCase() === range || t.toLowerCase().startsWith(`${range}-`));
    if (tag !== undefined) return { [tag]: map[tag] as string };
  }
  const first = tags[0];
  return first === undefined ? {} : { [first]: map[first] as string };
}
