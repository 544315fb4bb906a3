// Renders one AU page: Handlebars (escaped by default) around Markdown rendered with raw
// HTML disabled, plus the JSON config the runtime reads.
import Handlebars from "handlebars";
import MarkdownIt from "markdown-it";
import type { AuConfig, Standard } from "../runtime/au-config.js";
import { type Course, type LangString, pickLang } from "../domain/course.js";
import { pageStrings, uiStrings } from "../domain/ui-strings.js";
import { rootPrefix } from "../domain/package-layout.js";

/** `standard` tells the runtime what environment to look for; cmi5 unless said otherwise. */
export type AuRenderer = (course: Course, moduleIndex: number, pagePath: string, lang: string, standard?: Standard) => string;

/** Compiles the AU template once; the returned function is pure. */
export function createAuRenderer(templateSource: string): AuRenderer {
  const handlebars = Handlebars.create();
  const template = handlebars.compile(templateSource, { strict: false, noEscape: false });
  const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
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
          return { kind: "page", lang: picked.lang, page: { html: markdown.render(picked.text) } };
        }
        case "video": {
          const title = text(item.title);
          const transcript = item.transcript ? text(item.transcript) : undefined;
          config.videos.push({ activityId: `${module.id}/videos/${index + 1}`, title: title.text, captionLangs: Object.keys(item.captions) });
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
              transcriptHtml: transcript ? markdown.render(transcript.text) : undefined,
              transcriptLang: transcript?.lang,
            },
          };
        }
        case "quiz": {
          const questions = item.quiz.questions.map((question, number) => ({
            id: question.id,
            number: number + 1,
            prompt: text(question.prompt).text,
            inputType: question.type === "multiple" ? "checkbox" : "radio",
            choices: question.choices.map((choice) => ({ id: choice.id, text: text(choice.text).text })),
          }));
          config.quiz = {
            questions: item.quiz.questions.map((question) => ({
              id: question.id,
              type: question.type,
              activityId: `${module.id}/questions/${encodeURIComponent(question.id)}`,
              prompt: text(question.prompt).text,
              weight: question.weight,
              choices: question.choices.map((choice) => ({ id: choice.id, text: text(choice.text).text, correct: choice.correct, feedback: choice.feedback ? text(choice.feedback).text : undefined })),
            })),
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
