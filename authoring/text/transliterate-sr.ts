// Serbian Latin → Cyrillic, pure. Latin is one-to-one with Cyrillic except for the digraphs
// lj, nj, dž (one letter each) and dj (legacy spelling of đ), so the hard part is knowing when
// a digraph is two letters (in-jekcija, nad-živeti, Ijekavian d-jeca) and which words are not
// Serbian at all. Authors keep text as written with {=…=} and split a digraph with {|}.
import { digraphExceptions, foreignCombinations, foreignStems, foreignWords, serbianStemsWithForeignLook } from "./transliterate-sr-words.js";

export interface TransliterationOptions {
  /** Words and phrases kept in Latin wherever they occur (course.yaml `keepLatin`), e.g. "PRIDE". */
  keepLatin?: readonly string[];
}

const single: Readonly<Record<string, string>> = {
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г", h: "х", i: "и", j: "ј", k: "к",
  l: "л", m: "м", n: "н", o: "о", p: "п", r: "р", s: "с", š: "ш", t: "т", u: "у", v: "в", z: "з", ž: "ж",
};
const digraphs: Readonly<Record<string, string>> = { lj: "љ", nj: "њ", dž: "џ", dj: "ђ" };
/** Unicode's one-codepoint digraphs (Ǉ ǈ ǉ …), seen in text pasted from old documents. */
const ligatures: Readonly<Record<string, string>> = { Ǆ: "DŽ", ǅ: "Dž", ǆ: "dž", Ǉ: "LJ", ǈ: "Lj", ǉ: "lj", Ǌ: "NJ", ǋ: "Nj", ǌ: "nj" };

/** Marks an author's split of a digraph (`nad{|}živeti`); a zero-width non-joiner inside the engine. */
const splitMarker = "{|}";
const zwnj = "\u200C";
const keepPattern = /\{=([\s\S]*?)=\}/g;

/**
 * Protected spans of plain text: the author's escape, URLs, e-mail addresses. Everything else
 * is transliterated word by word.
 */
const protectedPattern = new RegExp(
  [
    String.raw`\{=[\s\S]*?=\}`,
    String.raw`\b(?:https?|ftp|mailto|tel):[^\s<>"]*[^\s<>".,;:!?'")\]]`,
    String.raw`\bwww\.[^\s<>"]*[^\s<>".,;:!?'")\]]`,
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
    // A file name or domain (uvod.webm, obuka.rs): dotted tokens ending in a known suffix.
    String.raw`(?<![\p{L}\p{N}])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.(?:rs|com|org|net|eu|ba|me|hr|gov|edu|io|int|pdf|docx?|xlsx?|pptx?|md|ya?ml|json|vtt|webm|mp4|mp3|png|jpe?g|gif|svg|zip|html?)(?![\p{L}\p{N}])`,
  ].join("|"),
  "giu",
);
/** A word, or a hyphenated compound (Wi-Fi, e-mail), which is foreign when any part is. */
const wordPattern = /[\p{L}\p{M}\p{N}\u200C]+(?:-[\p{L}\p{M}\p{N}\u200C]+)*/gu;

/** Plain text (a title, a quiz choice, a caption line) in Serbian Cyrillic. */
export function latinToCyrillic(text: string, options: TransliterationOptions = {}): string {
  const normalized = replaceLigatures(text.normalize("NFC")).split(splitMarker).join(zwnj);
  return mapSegments(normalized, keepPhrasesPattern(options.keepLatin), (plain) => plain.replace(wordPattern, compoundToCyrillic)).split(zwnj).join("");
}

/** Removes the author's escapes from text shown in Latin (or any language but sr-Cyrl). */
export function stripEscapes(text: string): string {
  return text.replace(keepPattern, "$1").split(splitMarker).join("");
}

/** Splits text into protected spans (kept, escapes unwrapped) and plain spans (mapped). */
function mapSegments(text: string, keep: RegExp | undefined, map: (plain: string) => string): string {
  let out = "";
  let last = 0;
  const spans: [number, number, string][] = [];
  for (const match of text.matchAll(protectedPattern)) spans.push([match.index, match.index + match[0].length, match[0].replace(keepPattern, "$1")]);
  if (keep) {
    for (const match of text.matchAll(keep)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!spans.some(([s, e]) => start < e && end > s)) spans.push([start, end, match[0]]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (const [start, end, kept] of spans) {
    if (start < last) continue;
    out += map(text.slice(last, start)) + kept;
    last = end;
  }
  return out + map(text.slice(last));
}

function keepPhrasesPattern(phrases: readonly string[] | undefined): RegExp | undefined {
  const alternatives = (phrases ?? [])
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(String.raw`\s+`));
  return alternatives.length ? new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join("|")})(?![\p{L}\p{N}])`, "gu") : undefined;
}

function replaceLigatures(text: string): string {
  return text.replace(/[ǄǅǆǇǈǉǊǋǌ]/g, (c) => ligatures[c]!);
}

/**
 * Memo of a pure function: a course repeats the same few thousand words, and the foreign-word
 * and digraph checks dominate build time (measured in `npm run bench:build`). Bounded.
 */
const compoundMemo = new Map<string, string>();
const compoundMemoLimit = 50_000;

function compoundToCyrillic(compound: string): string {
  const known = compoundMemo.get(compound);
  if (known !== undefined) return known;
  const parts = compound.split("-");
  const result = parts.some(looksForeign) ? compound : parts.map(wordToCyrillic).join("-");
  if (compoundMemo.size >= compoundMemoLimit) compoundMemo.clear();
  compoundMemo.set(compound, result);
  return result;
}

/** One word: kept when foreign, else letter by letter with the digraph rules. */
export function wordToCyrillic(word: string): string {
  if (looksForeign(word)) return word;
  const lower = word.toLowerCase();
  const splits = digraphSplits(lower);
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const char = word[i]!;
    const next = word[i + 1];
    if (next !== undefined && !splits.has(i + 1)) {
      const pair = (char + next).toLowerCase();
      const mapped = digraphs[pair];
      if (mapped) {
        out += isUpper(char) ? mapped.toUpperCase() : mapped;
        i++;
        continue;
      }
    }
    const lowerChar = char.toLowerCase();
    const mapped = single[lowerChar];
    out += mapped === undefined ? char : isUpper(char) ? mapped.toUpperCase() : mapped;
  }
  return out;
}

/** Positions (index of the second letter) where a digraph is two letters in this word. */
function digraphSplits(lower: string): Set<number> {
  const splits = new Set<number>();
  for (let i = 0; i < lower.length; i++) if (lower[i] === zwnj) splits.add(i + 1);
  const plain = lower.split(zwnj).join("");
  for (const [digraph, stems] of Object.entries(digraphExceptions)) {
    if (!plain.includes(digraph)) continue;
    const stem = stems.find((s) => plain.startsWith(s) || plain.startsWith(`ne${s}`));
    if (!stem) continue;
    // Every occurrence inside the word is split: the stems hold one, their inflections too.
    for (let at = lower.indexOf(digraph); at >= 0; at = lower.indexOf(digraph, at + 1)) splits.add(at + 1);
  }
  return splits;
}

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

const serbianLetters = /^[a-pr-vzčćđšž\p{M}\u200C]*$/u;
const romanNumeral = /^(?=[IVXLCDM]{2,}$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** Foreign words stay in Latin: letters Serbian does not have, English spellings, numerals, codes. */
export function looksForeign(word: string): boolean {
  const plain = word.split(zwnj).join("");
  if (/\p{N}/u.test(plain) && /\p{L}/u.test(plain)) return true; // mp3, H2O, 3D, B12
  if (romanNumeral.test(plain)) return true;
  const lower = plain.toLowerCase();
  if (/^\p{N}*$/u.test(lower)) return false;
  // Letters Serbian Latin lacks (q, w, x, y, ä, é, ß …); Cyrillic is already done.
  if (!serbianLetters.test(lower)) return true;
  if (serbianStemsWithForeignLook.some((stem) => lower.startsWith(stem))) return false;
  if (foreignWords.has(lower)) return true;
  if (foreignStems.some((stem) => lower.startsWith(stem))) return true;
  return foreignCombinations.some((combination) => lower.includes(combination));
}

/**
 * Markdown in Serbian Cyrillic, text only: fenced code, inline code, link and image targets,
 * autolinks, reference definitions, HTML entities and the author's escapes stay as written.
 */
export function markdownToCyrillic(markdown: string, options: TransliterationOptions = {}): string {
  return mapMarkdownText(markdown, (text) => latinToCyrillic(text, options));
}

/** The Markdown with the author's escapes removed from its text (code left alone). */
export function stripMarkdownEscapes(markdown: string): string {
  return mapMarkdownText(markdown, stripEscapes);
}

const fencePattern = /^ {0,3}(`{3,}|~{3,})/;
const referenceDefinition = /^ {0,3}\[[^\]]+\]:\s*\S/;
/** Inline spans that are not text: code, link targets, reference labels, autolinks, entities. */
const markdownInlineProtected = /(`+)[\s\S]*?\1|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\]\[[^\]]*\]|<[a-z][a-z0-9+.-]*:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/giu;

function mapMarkdownText(markdown: string, map: (text: string) => string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let fence: string | undefined;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) out.push(mapInline(chunk.join("\n"), map));
    chunk = [];
  };
  for (const line of lines) {
    const opener = fencePattern.exec(line)?.[1];
    if (fence !== undefined) {
      out.push(line);
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
    } else if (opener) {
      flush();
      out.push(line);
      fence = opener;
    } else if (referenceDefinition.test(line)) {
      flush();
      out.push(line);
    } else {
      chunk.push(line);
    }
  }
  flush();
  return out.join("\n");
}

function mapInline(text: string, map: (text: string) => string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(markdownInlineProtected)) {
    out += map(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + map(text.slice(last));
}

const timingLine = /-->/;

/** WebVTT with cue text in Serbian Cyrillic; header, timings, ids, NOTE/STYLE/REGION blocks and tags kept. */
export function vttToCyrillic(vtt: string, options: TransliterationOptions = {}): string {
  return mapVttCueText(vtt, (text) => text.replace(/(<[^>]*>|&[a-z]+;|&#\d+;)|([^<&]+|&)/gi, (_, tag: string | undefined, plain: string | undefined) => tag ?? latinToCyrillic(plain ?? "", options)));
}

/** WebVTT with the author's escapes removed from cue text. */
export function stripVttEscapes(vtt: string): string {
  return mapVttCueText(vtt, stripEscapes);
}

function mapVttCueText(vtt: string, map: (line: string) => string): string {
  const blocks = vtt.split(/(\r?\n(?:[ \t]*\r?\n)+)/);
  return blocks
    .map((block, index) => {
      if (index === 0 || index % 2 === 1) return block; // the WEBVTT header, and the blank separators
      if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block)) return block;
      const lines = block.split(/(\r?\n)/);
      const timing = lines.findIndex((line) => timingLine.test(line));
      if (timing < 0) return block;
      return lines.map((line, i) => (i > timing && i % 2 === 0 ? map(line) : line)).join("");
    })
    .join("");
}
