// The languages of a course: what the trainer wrote, plus Serbian Cyrillic derived from
// Serbian Latin by transliteration. Also removes the author's escapes from every text.
import type { Content, Course, LangString, Question } from "./course.js";
import { latinToCyrillic, markdownToCyrillic, stripEscapes, stripMarkdownEscapes, stripVttEscapes, type TransliterationOptions, vttToCyrillic } from "../text/transliterate-sr.js";

export const serbianLatin = "sr-Latn";
export const serbianCyrillic = "sr-Cyrl";

/** The course's languages: every language its title is written in, plus sr-Cyrl when sr-Latn is; default first. */
export function courseLanguages(course: Pick<Course, "title" | "defaultLanguage">): string[] {
  const languages = new Set(Object.keys(course.title));
  if (languages.has(serbianLatin)) languages.add(serbianCyrillic);
  const rest = [...languages].filter((l) => l !== course.defaultLanguage).sort((a, b) => (a === serbianCyrillic ? -1 : b === serbianCyrillic ? 1 : a.localeCompare(b)));
  return [course.defaultLanguage, ...rest];
}

/** The languages `--lang` asks for: one, a comma-separated list, or `all` (every language of the course). */
export function selectLanguages(course: Pick<Course, "title" | "defaultLanguage">, wanted: string): string[] | { unknown: string; known: string[] } {
  const known = courseLanguages(course);
  if (wanted === "all") return known;
  // A comma-separated list builds several languages from one load of the sources.
  const selected: string[] = [];
  for (const one of wanted.split(",")) {
    const match = known.find((l) => l.toLowerCase() === one.trim().toLowerCase());
    if (!match) return { unknown: one.trim(), known };
    if (!selected.includes(match)) selected.push(match);
  }
  return selected;
}

export interface DerivedLanguages {
  course: Course;
  /** Files the build writes instead of (or besides) the sources: Cyrillic captions, captions without escapes. */
  generatedFiles: Map<string, string>;
}

/**
 * Adds sr-Cyrl to every text that has sr-Latn and none yet (titles, pages, quiz, captions),
 * and strips the escapes from the others. `captionTexts` holds each caption file's WebVTT.
 */
export function deriveLanguages(course: Course, captionTexts: ReadonlyMap<string, string>, options: TransliterationOptions = {}): DerivedLanguages {
  const generatedFiles = new Map<string, string>();
  const plain = (text: LangString): LangString => derive(text, stripEscapes, (t) => latinToCyrillic(t, options));
  const markdown = (text: LangString): LangString => derive(text, stripMarkdownEscapes, (t) => markdownToCyrillic(t, options));

  const captions = (tracks: LangString): LangString => {
    const result: Record<string, string> = { ...tracks };
    for (const file of Object.values(tracks)) {
      const vtt = captionTexts.get(file);
      if (vtt !== undefined && stripVttEscapes(vtt) !== vtt) generatedFiles.set(file, stripVttEscapes(vtt));
    }
    const latin = tracks[serbianLatin];
    const vtt = latin === undefined ? undefined : captionTexts.get(latin);
    if (latin !== undefined && vtt !== undefined && tracks[serbianCyrillic] === undefined) {
      const file = cyrillicCaptionPath(latin);
      generatedFiles.set(file, vttToCyrillic(vtt, options));
      result[serbianCyrillic] = file;
    }
    return result;
  };

  const content = (item: Content): Content => {
    switch (item.kind) {
      case "page":
        return { ...item, markdown: markdown(item.markdown) };
      case "video":
        return { ...item, title: plain(item.title), captions: captions(item.captions), transcript: item.transcript ? markdown(item.transcript) : undefined };
      case "quiz":
        return {
          kind: "quiz",
          quiz: {
            title: item.quiz.title ? plain(item.quiz.title) : undefined,
            questions: item.quiz.questions.map((q): Question => {
              const common = {
                prompt: plain(q.prompt),
                choices: q.choices.map((c) => ({ ...c, text: plain(c.text), feedback: c.feedback ? plain(c.feedback) : undefined })),
                feedback: q.feedback && { correct: q.feedback.correct && plain(q.feedback.correct), incorrect: q.feedback.incorrect && plain(q.feedback.incorrect) },
              };
              if (q.type === "matching") return { ...q, ...common, pairs: q.pairs.map((p) => ({ ...p, source: plain(p.source), target: plain(p.target) })) };
              if (q.type === "fill-in") return { ...q, ...common, answers: q.answers.map(plain) };
              return { ...q, ...common };
            }),
          },
        };
    }
  };

  return {
    course: {
      ...course,
      title: plain(course.title),
      description: plain(course.description),
      modules: course.modules.map((m) => ({ ...m, title: plain(m.title), description: plain(m.description), content: m.content.map(content) })),
    },
    generatedFiles,
  };
}

function derive(text: LangString, strip: (t: string) => string, toCyrillic: (t: string) => string): LangString {
  const result: Record<string, string> = {};
  for (const [lang, value] of Object.entries(text)) result[lang] = lang === serbianCyrillic ? value : strip(value);
  const latin = text[serbianLatin];
  if (latin !== undefined && text[serbianCyrillic] === undefined) result[serbianCyrillic] = toCyrillic(latin);
  return result;
}

/** media/uvod.sr-Latn.vtt → media/uvod.sr-Cyrl.vtt; media/uvod.vtt → media/uvod.sr-Cyrl.vtt. */
export function cyrillicCaptionPath(latinPath: string): string {
  const at = latinPath.lastIndexOf(serbianLatin);
  if (at >= 0) return latinPath.slice(0, at) + serbianCyrillic + latinPath.slice(at + serbianLatin.length);
  return latinPath.replace(/(\.vtt)?$/i, `.${serbianCyrillic}$1`);
}
