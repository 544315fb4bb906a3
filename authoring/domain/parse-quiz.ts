// Quiz YAML → Quiz, with every problem at file:line:col.
import { type Choice, type LangString, type MatchPair, type Question, type QuestionFeedback, questionTypes, type Quiz } from "./course.js";
import { localIdPattern, readLangString } from "./source-fields.js";
import { type Located, YamlSource } from "./yaml-source.js";

export function parseQuizYaml(file: string, text: string, defaultLanguage: string): { quiz: Quiz | undefined; source: YamlSource } {
  const source = new YamlSource(file, text);
  const root = source.root;
  if (source.problems.length) return { quiz: undefined, source };
  if (!source.isMap(root)) {
    source.report(root, "a quiz must be a mapping with questions");
    return { quiz: undefined, source };
  }
  source.rejectUnknownKeys(root, ["title", "questions"]);
  const title = readLangString(source, source.child(root, "title"), defaultLanguage, false);
  const questionsAt = source.child(root, "questions");
  const items = source.items(questionsAt);
  if (items.length === 0 && questionsAt.node !== undefined) source.report(questionsAt, "must list at least one question");
  const questions = items.map((at) => readQuestion(source, at, defaultLanguage));
  const seen = new Set<string>();
  for (const [index, question] of questions.entries()) {
    if (!question) continue;
    if (seen.has(question.id)) source.report(source.child(items[index]!, "id"), `repeats the question id "${question.id}"`);
    seen.add(question.id);
  }
  if (source.problems.length || questions.some((q) => q === undefined)) return { quiz: undefined, source };
  return { quiz: { title, questions: questions as Question[] }, source };
}

const keysByType = {
  choice: ["id", "type", "prompt", "choices", "weight", "feedback"],
  matching: ["id", "type", "prompt", "pairs", "weight", "feedback"],
  "fill-in": ["id", "type", "prompt", "answers", "weight", "feedback"],
} as const;

function readQuestion(source: YamlSource, at: Located, lang: string): Question | undefined {
  if (!source.isMap(at)) {
    source.report(at, "must be a mapping with id, type, prompt and choices (or pairs, or answers)");
    return undefined;
  }
  const type = source.oneOf(source.child(at, "type"), questionTypes);
  source.rejectUnknownKeys(at, type === "matching" || type === "fill-in" ? keysByType[type] : type === undefined ? [...new Set(Object.values(keysByType).flat())] : keysByType.choice);
  const id = source.string(source.child(at, "id"), { pattern: localIdPattern, describe: "a letter followed by letters, digits, - or _" });
  const prompt = readLangString(source, source.child(at, "prompt"), lang);
  const weight = source.number(source.child(at, "weight"), { required: false, min: Number.MIN_VALUE, describe: "a positive number" }) ?? 1;
  const feedback = readQuestionFeedback(source, source.child(at, "feedback"), lang);
  if (type === undefined) return undefined;
  if (type === "matching") {
    const pairs = readPairs(source, source.child(at, "pairs"), lang);
    if (id === undefined || prompt === undefined || pairs === undefined || feedback === null) return undefined;
    return { id, type, prompt, weight, feedback, pairs, choices: [] };
  }
  if (type === "fill-in") {
    const answersAt = source.child(at, "answers");
    const items = source.items(answersAt);
    if (items.length === 0 && answersAt.node !== undefined) source.report(answersAt, "must list at least one accepted answer");
    const answers = items.map((item): LangString | undefined => {
      if (typeof source.scalar(item) !== "string") return readLangString(source, item, lang);
      // A plain string is an answer in the default language: `answers: [socijalni]`.
      const text = source.string(item);
      return text === undefined ? undefined : { [lang]: text };
    });
    if (id === undefined || prompt === undefined || items.length === 0 || answers.some((a) => a === undefined) || feedback === null) return undefined;
    return { id, type, prompt, weight, feedback, answers: answers as LangString[], choices: [] };
  }
  const choicesAt = source.child(at, "choices");
  const choiceItems = source.items(choicesAt);
  const choices = choiceItems.map((item) => readChoice(source, item, lang));
  const ids = new Set<string>();
  for (const [index, choice] of choices.entries()) {
    if (!choice) continue;
    if (ids.has(choice.id)) source.report(source.child(choiceItems[index]!, "id"), `repeats the choice id "${choice.id}"`);
    ids.add(choice.id);
  }
  const valid = choices.filter((c): c is Choice => c !== undefined);
  const correct = valid.filter((c) => c.correct).length;
  if (choicesAt.node !== undefined && valid.length === choices.length) {
    if (type === "true-false" && valid.length !== 2) source.report(choicesAt, "a true-false question has exactly 2 choices");
    else if (valid.length < 2) source.report(choicesAt, "must list at least 2 choices");
    if ((type === "single" || type === "true-false") && correct !== 1) source.report(choicesAt, `a ${type} question has exactly one correct choice (found ${correct})`);
    if (type === "multiple" && correct < 1) source.report(choicesAt, "a multiple question has at least one correct choice");
  }
  if (id === undefined || prompt === undefined || valid.length !== choices.length || feedback === null) return undefined;
  return { id, type, prompt, choices: valid, weight, feedback };
}

/** `feedback: { correct: {…}, incorrect: {…} }`; null when it is malformed (already reported). */
function readQuestionFeedback(source: YamlSource, at: Located, lang: string): QuestionFeedback | undefined | null {
  if (at.node === undefined) return undefined;
  if (!source.isMap(at)) {
    source.report(at, `must be a mapping with correct and/or incorrect, each a map of language to text`);
    return null;
  }
  source.rejectUnknownKeys(at, ["correct", "incorrect"]);
  const correct = readLangString(source, source.child(at, "correct"), lang, false);
  const incorrect = readLangString(source, source.child(at, "incorrect"), lang, false);
  if (correct === undefined && incorrect === undefined) {
    source.report(at, "needs correct or incorrect (or both)");
    return null;
  }
  return { correct, incorrect };
}

/** At least two pairs with unique ids, each a source and its target. */
function readPairs(source: YamlSource, at: Located, lang: string): MatchPair[] | undefined {
  const reported = source.problems.length;
  const items = source.items(at);
  // items() has already reported a missing list or one that is not a list.
  if (source.problems.length === reported && items.length < 2) source.report(at, "a matching question lists at least 2 pairs");
  const pairs = items.map((item): MatchPair | undefined => {
    if (!source.isMap(item)) {
      source.report(item, "must be a mapping with id, source and target");
      return undefined;
    }
    source.rejectUnknownKeys(item, ["id", "source", "target"]);
    const id = source.string(source.child(item, "id"), { pattern: localIdPattern, describe: "a letter followed by letters, digits, - or _" });
    const from = readLangString(source, source.child(item, "source"), lang);
    const to = readLangString(source, source.child(item, "target"), lang);
    return id === undefined || from === undefined || to === undefined ? undefined : { id, source: from, target: to };
  });
  const ids = new Set<string>();
  for (const [index, pair] of pairs.entries()) {
    if (!pair) continue;
    if (ids.has(pair.id)) source.report(source.child(items[index]!, "id"), `repeats the pair id "${pair.id}"`);
    ids.add(pair.id);
  }
  if (items.length < 2 || pairs.some((p) => p === undefined)) return undefined;
  return pairs as MatchPair[];
}

function readChoice(source: YamlSource, at: Located, lang: string): Choice | undefined {
  if (!source.isMap(at)) {
    source.report(at, "must be a mapping with id, text and correct");
    return undefined;
  }
  source.rejectUnknownKeys(at, ["id", "text", "correct", "feedback"]);
  const id = source.string(source.child(at, "id"), { pattern: localIdPattern, describe: "a letter followed by letters, digits, - or _" });
  const text = readLangString(source, source.child(at, "text"), lang);
  const correct = source.boolean(source.child(at, "correct")) ?? false;
  const feedback = readLangString(source, source.child(at, "feedback"), lang, false);
  if (id === undefined || text === undefined) return undefined;
  return { id, text, correct, feedback };
}
