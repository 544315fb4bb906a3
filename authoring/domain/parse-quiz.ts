// Quiz YAML → Quiz, with every problem at file:line:col.
import { type Choice, type Question, questionTypes, type Quiz } from "./course.js";
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

function readQuestion(source: YamlSource, at: Located, lang: string): Question | undefined {
  if (!source.isMap(at)) {
    source.report(at, "must be a mapping with id, type, prompt and choices");
    return undefined;
  }
  source.rejectUnknownKeys(at, ["id", "type", "prompt", "choices", "weight"]);
  const id = source.string(source.child(at, "id"), { pattern: localIdPattern, describe: "a letter followed by letters, digits, - or _" });
  const type = source.oneOf(source.child(at, "type"), questionTypes);
  const prompt = readLangString(source, source.child(at, "prompt"), lang);
  const weight = source.number(source.child(at, "weight"), { required: false, min: Number.MIN_VALUE, describe: "a positive number" }) ?? 1;
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
  if (id === undefined || type === undefined || prompt === undefined || valid.length !== choices.length) return undefined;
  return { id, type, prompt, choices: valid, weight };
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
