// Activities and their definitions (xAPI-Data.md 2.4.4.1), including interaction
// activities' components.
import type { Activity } from "./xapi-types.js";
import {
  allowOnly,
  expectArray,
  expectExtensions,
  expectIri,
  expectLanguageMap,
  expectObject,
  expectString,
  fail,
  join,
} from "./validate-primitives.js";

const INTERACTION_TYPES = [
  "true-false",
  "choice",
  "fill-in",
  "long-fill-in",
  "matching",
  "performance",
  "sequencing",
  "likert",
  "numeric",
  "other",
];
const COMPONENT_LISTS = ["choices", "scale", "source", "target", "steps"] as const;
/** Which interaction component lists each interaction type may carry (Data 2.4.4.1, interaction components). */
const COMPONENTS_OF: Record<string, readonly (typeof COMPONENT_LISTS)[number][]> = {
  choice: ["choices"],
  sequencing: ["choices"],
  likert: ["scale"],
  matching: ["source", "target"],
  performance: ["steps"],
};
const DEFINITION_KEYS = [
  "name",
  "description",
  "type",
  "moreInfo",
  "extensions",
  "interactionType",
  "correctResponsesPattern",
  ...COMPONENT_LISTS,
];

export function parseActivity(value: unknown, path: string): Activity {
  const obj = expectObject(value, path);
  allowOnly(obj, path, ["objectType", "id", "definition"]);
  if (obj["objectType"] !== undefined && obj["objectType"] !== "Activity") fail(join(path, "objectType"), 'must be "Activity"');
  if (obj["id"] === undefined) fail(join(path, "id"), "is required");
  expectIri(obj["id"], join(path, "id"));
  if (obj["definition"] !== undefined) parseDefinition(obj["definition"], join(path, "definition"));
  return obj as unknown as Activity;
}

function parseDefinition(value: unknown, path: string): void {
  const def = expectObject(value, path);
  allowOnly(def, path, DEFINITION_KEYS);
  if (def["name"] !== undefined) expectLanguageMap(def["name"], join(path, "name"));
  if (def["description"] !== undefined) expectLanguageMap(def["description"], join(path, "description"));
  if (def["type"] !== undefined) expectIri(def["type"], join(path, "type"));
  if (def["moreInfo"] !== undefined) expectIri(def["moreInfo"], join(path, "moreInfo"));
  if (def["extensions"] !== undefined) expectExtensions(def["extensions"], join(path, "extensions"));
  if (def["interactionType"] !== undefined) {
    const type = expectString(def["interactionType"], join(path, "interactionType"));
    if (!INTERACTION_TYPES.includes(type)) fail(join(path, "interactionType"), `must be one of ${INTERACTION_TYPES.join(", ")}`);
  }
  if (def["correctResponsesPattern"] !== undefined) {
    const patternPath = join(path, "correctResponsesPattern");
    expectArray(def["correctResponsesPattern"], patternPath).forEach((p, i) => expectString(p, join(patternPath, i)));
  }
  if (def["correctResponsesPattern"] !== undefined && def["interactionType"] === undefined) {
    fail(join(path, "correctResponsesPattern"), "requires interactionType");
  }
  for (const list of COMPONENT_LISTS) {
    if (def[list] === undefined) continue;
    const type = def["interactionType"];
    if (type === undefined) fail(join(path, list), "requires interactionType");
    if (!(COMPONENTS_OF[type as string] ?? []).includes(list)) fail(join(path, list), `is not a component list of the "${String(type)}" interaction type`);
    parseComponents(def[list], join(path, list));
  }
}

function parseComponents(value: unknown, path: string): void {
  const seen = new Set<string>();
  expectArray(value, path).forEach((item, i) => {
    const itemPath = join(path, i);
    const component = expectObject(item, itemPath);
    allowOnly(component, itemPath, ["id", "description"]);
    const id = expectString(component["id"], join(itemPath, "id"));
    if (seen.has(id)) fail(join(itemPath, "id"), "must be unique within the list");
    seen.add(id);
    if (component["description"] !== undefined) expectLanguageMap(component["description"], join(itemPath, "description"));
  });
}
