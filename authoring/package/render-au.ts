// Renders one AU page: Handlebars (escaped by default) around Markdown rendered with raw
// HTML disabled, plus the JSON config the runtime reads.
import Handlebars from "handlebars";
import MarkdownIt from "markdown-it";
import { type AuConfig, defaultVideoCompletionThreshold, type QuizQuestionConfig, type Standard } from "../runtime/au-config.js";
import { type Course, type LangString, pickLang, type Question } from "../domain/course.js";
import { pageStrings, uiStrings } from "../domain/ui-strings.js";
import { resolveImagePath } from "../domain/markdown-images.js";
import { rootPrefix } from "../domain/package-layout.js";

/** `standard` tells the runtime what environment to look for; cmi5 unless said otherwise. */
export type AuRenderer = (course: Course, moduleIndex: number, pagePath: string, lang: string, standard?: Standard) => string;

/** Compiles the AU template once; the returned function is pure. */
export function createAuRenderer(templateSource: string): AuRenderer {
  const handlebars = Handlebars.create();
  const template = handlebars.compile(templateSource, { strict: false, noEscape: false });
  const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
  pointImagesIntoThePackage(markdown);
  return (course, moduleIndex, pagePath, lang, standard = "cmi5") => {
    const module = course.modules[moduleIndex]!;
    const fallback = course.defaultLanguage;
    const text = (value: LangString) => pickLang(value, lang, fallback);
    const strings = pageStrings(lang);
    const root = rootPrefix(pagePath);
    const config: AuConfig = { standard, lang, courseId: course.id, publisherId: module.id, moveOn: module.moveOn, masteryScore: module.masteryScore, strings: uiStrings(strings), quiz: undefined, videos: [] };

    const sections = module.content.map((item, index) => {
      switch (item.kind) {
        case "page": {
          const picked = text(item.markdown);
          return { kind: "page", lang: picked.lang, page: { html: markdown.render(picked.text, imageEnv(item.files, picked.lang, fallback, root)) } };
        }
        case "video": {
          const title = text(item.title);
          const transcript = item.transcript ? text(item.transcript) : undefined;
          config.videos.push({ activityId: `${module.id}/videos/${index + 1}`, title: title.text, captionLangs: Object.keys(item.captions), completionThreshold: item.completionThreshold ?? defaultVideoCompletionThreshold });
          const tracks = Object.entries(item.captions)
            .sort(([a], [b]) => (a === lang ? -1 : b === lang ? 1 : a === fallback ? -1 : b === fallback ? 1 : a.localeCompare(b)))
            .map(([trackLang, src]) => ({ lang: trackLang, label: strings.captionsLabel[trackLang] ?? trackLang, src: root + src }));
          return {
            kind: "video",
            lang: title.lang,
            video: {
              title: title.text,
              src: root + item.src,
              type: item.src.toLowerCase().endsWith(".mp4") ? "video/mp4" : "video/webm",
              tracks,
              transcriptHtml: transcript ? markdown.render(transcript.text, imageEnv(item.transcriptFiles ?? {}, transcript.lang, fallback, root)) : undefined,
              transcriptLang: transcript?.lang,
            },
          };
        }
        case "quiz": {
          const questions = item.quiz.questions.map((question, number) => {
            const shown = matchingShown(question, text);
            return {
              id: question.id,
              number: number + 1,
              prompt: text(question.prompt).text,
              inputType: question.type === "multiple" ? "checkbox" : "radio",
              choices: question.choices.map((choice) => ({ id: choice.id, text: text(choice.text).text })),
              matching: shown,
              fillIn: question.type === "fill-in",
            };
          });
          config.quiz = {
            questions: item.quiz.questions.map((question): QuizQuestionConfig => {
              const feedback = question.feedback && { correct: question.feedback.correct && text(question.feedback.correct).text, incorrect: question.feedback.incorrect && text(question.feedback.incorrect).text };
              const shown = matchingShown(question, text);
              return {
                id: question.id,
                type: question.type,
                activityId: `${module.id}/questions/${encodeURIComponent(question.id)}`,
                prompt: text(question.prompt).text,
                weight: question.weight,
                choices: question.choices.map((choice) => ({ id: choice.id, text: text(choice.text).text, correct: choice.correct, feedback: choice.feedback ? text(choice.feedback).text : undefined })),
                ...(shown ? { matching: { ...shown, key: Object.fromEntries(shown.sources.map((s) => [s.id, matchTargetId(s.id)])) } } : {}),
                // A learner of the Cyrillic page who types in Latin (or the other way) is right too.
                ...(question.type === "fill-in" ? { answers: [...new Set(question.answers.flatMap((a) => [text(a).text, pickLang(a, fallback, fallback).text]))] } : {}),
                ...(feedback ? { feedback } : {}),
              };
            }),
          };
          return { kind: "quiz", lang: text(item.quiz.questions[0]?.prompt ?? { [lang]: "" }).lang, quiz: { title: item.quiz.title ? text(item.quiz.title).text : undefined, questions } };
        }
      }
    });

    const courseTitle = text(course.title);
    const title = text(module.title);
    return template({
      lang,
      root,
      strings,
      courseTitle: courseTitle.text,
      courseTitleLang: courseTitle.lang,
      title: title.text,
      titleLang: title.lang,
      sections,
      // `<` escaped so the JSON cannot close its <script> element.
      configJson: JSON.stringify(config).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"),
    });
  };
}

/** A type, not an interface, so it fits markdown-it's `env` index signature. */
type ImageEnv = {
  /** The Markdown file the text came from, relative to the course folder. */
  sourceFile: string | undefined;
  /** From the AU page back to the package root. */
  root: string;
};

/** A derived language (sr-Cyrl) has no file of its own: it comes from the default language's. */
function imageEnv(files: LangString, lang: string, fallback: string, root: string): ImageEnv {
  return { sourceFile: files[lang] ?? files[fallback] ?? Object.values(files)[0], root };
}

/**
 * Images are written relative to their Markdown file (`../media/a.png` from `pages/`); the
 * build ships them at the same path from the package root, so the <img> points there.
 */
function pointImagesIntoThePackage(markdown: InstanceType<typeof MarkdownIt>): void {
  const render = markdown.renderer.rules.image!;
  markdown.renderer.rules.image = (tokens, index, options, rawEnv, self) => {
    const env = rawEnv as Partial<ImageEnv>;
    const token = tokens[index]!;
    const src = String(token.attrGet("src") ?? "");
    if (env.sourceFile !== undefined && src !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith("#")) {
      const inPackage = resolveImagePath(env.sourceFile, src);
      if (inPackage !== undefined) token.attrSet("src", (env.root ?? "") + inPackage.split("/").map(encodeURIComponent).join("/"));
    }
    return render(tokens, index, options, env, self);
  };
}

/** The id of a pair's target: distinct from its source's, as xAPI's source and target lists are. */
export function matchTargetId(pairId: string): string {
  return `t-${pairId}`;
}

/**
 * A matching question as shown: sources in the author's order, targets sorted by their text,
 * so the right answer is not simply the same row (and the order is the same in every build).
 */
function matchingShown(question: Question, text: (value: LangString) => { text: string }): { sources: { id: string; text: string }[]; targets: { id: string; text: string }[] } | undefined {
  if (question.type !== "matching") return undefined;
  const sources = question.pairs.map((pair) => ({ id: pair.id, text: text(pair.source).text }));
  const targets = question.pairs.map((pair) => ({ id: matchTargetId(pair.id), text: text(pair.target).text })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.id < b.id ? -1 : 1));
  return { sources, targets };
}
