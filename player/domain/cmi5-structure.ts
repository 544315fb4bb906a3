import { XMLParser } from "fast-xml-parser";
import { InvalidPackageError } from "../errors.js";

/** A language map as xAPI and cmi5 langstrings use it: `{ "sr-Latn": "…", "en": "…" }`. */
export type LanguageMap = Record<string, string>;

export type MoveOn = "Passed" | "Completed" | "CompletedAndPassed" | "CompletedOrPassed" | "NotApplicable";
const moveOnValues: readonly MoveOn[] = ["Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"];

export interface Cmi5Au {
  kind: "au";
  /** The publisher's AU id from cmi5.xml. */
  id: string;
  title: LanguageMap;
  description: LanguageMap;
  url: string;
  moveOn: MoveOn;
  masteryScore: number | undefined;
  launchMethod: "AnyWindow" | "OwnWindow";
  launchParameters: string | undefined;
  entitlementKey: string | undefined;
}

export interface Cmi5Block {
  kind: "block";
  id: string;
  title: LanguageMap;
  description: LanguageMap;
  children: (Cmi5Block | Cmi5Au)[];
}

export interface Cmi5Course {
  id: string;
  title: LanguageMap;
  description: LanguageMap;
  children: (Cmi5Block | Cmi5Au)[];
}

/** Query parameters the LMS adds at launch; an AU URL that already has one is rejected (cmi5 8.1.0.0-6). */
const reservedLaunchParameters = ["endpoint", "fetch", "actor", "registration", "activityId"];

type XmlNode = Record<string, unknown>;

/**
 * Parses and checks a cmi5.xml course structure. Throws InvalidPackageError naming the element.
 * `standalone`: the XML came without a zip, so every AU URL must be fully qualified (14.2.0.0-1).
 */
export function parseCmi5Structure(xml: string, options: { standalone?: boolean } = {}): Cmi5Course {
  let document: XmlNode[];
  try {
    const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", trimValues: true, processEntities: true });
    document = parser.parse(xml.replace(/^\uFEFF/, ""), true) as XmlNode[];
  } catch (error) {
    throw new InvalidPackageError(`cmi5.xml: not well-formed XML (${(error as Error).message})`, { cause: error });
  }
  const root = document.find((node) => "courseStructure" in node);
  if (!root) throw new InvalidPackageError("cmi5.xml: the root element must be courseStructure");
  const top = childrenOf(root, "courseStructure");
  const courseNode = top.find((node) => "course" in node);
  if (!courseNode) throw new InvalidPackageError("cmi5.xml: courseStructure must contain a course element");

  const course: Cmi5Course = {
    id: requireIri(attributesOf(courseNode).id, "courseStructure/course/@id"),
    title: languageMapOf(childrenOf(courseNode, "course"), "title", "courseStructure/course/title"),
    description: languageMapOf(childrenOf(courseNode, "course"), "description", "courseStructure/course/description"),
    children: parseChildren(top, "courseStructure"),
  };
  const aus = listAus(course.children);
  if (aus.length === 0) throw new InvalidPackageError("cmi5.xml: the course has no au element");
  const objectiveIds = childrenOf(top.find((node) => "objectives" in node) ?? {}, "objectives")
    .filter((node) => "objective" in node)
    .map((node, index) => requireIri(attributesOf(node).id, `courseStructure/objectives/objective[${index + 1}]/@id`));
  for (const au of aus) {
    if (options.standalone && !isFullyQualifiedUrl(au.url)) {
      throw new InvalidPackageError(`cmi5.xml: the AU "${au.id}" has the relative URL "${au.url}"; a course structure sent without a zip must use fully qualified URLs (cmi5 14.2.0.0-1)`);
    }
  }
  const ids = new Set<string>();
  // 13.1.2.0-1, 13.1.3.0-1, 13.1.4.0-1: block, objective and AU ids are unique in the course structure.
  for (const id of [course.id, ...listBlocks(course.children).map((b) => b.id), ...aus.map((au) => au.id), ...objectiveIds]) {
    if (ids.has(id)) throw new InvalidPackageError(`cmi5.xml: id "${id}" is used more than once`);
    ids.add(id);
  }
  return course;
}

export function listAus(children: readonly (Cmi5Block | Cmi5Au)[]): Cmi5Au[] {
  return children.flatMap((child) => (child.kind === "au" ? [child] : listAus(child.children)));
}

export function listBlocks(children: readonly (Cmi5Block | Cmi5Au)[]): Cmi5Block[] {
  return children.flatMap((child) => (child.kind === "block" ? [child, ...listBlocks(child.children)] : []));
}

function parseChildren(nodes: XmlNode[], path: string): (Cmi5Block | Cmi5Au)[] {
  const result: (Cmi5Block | Cmi5Au)[] = [];
  let auIndex = 0;
  let blockIndex = 0;
  for (const node of nodes) {
    if ("au" in node) result.push(parseAu(node, `${path}/au[${++auIndex}]`));
    if ("block" in node) {
      const blockPath = `${path}/block[${++blockIndex}]`;
      const children = childrenOf(node, "block");
      result.push({
        kind: "block",
        id: requireIri(attributesOf(node).id, `${blockPath}/@id`),
        title: languageMapOf(children, "title", `${blockPath}/title`),
        description: languageMapOf(children, "description", `${blockPath}/description`),
        children: parseChildren(children, blockPath),
      });
    }
  }
  return result;
}

function parseAu(node: XmlNode, path: string): Cmi5Au {
  const attributes = attributesOf(node);
  const children = childrenOf(node, "au");
  const url = textOf(children, "url");
  if (!url) throw new InvalidPackageError(`cmi5.xml: ${path}/url is required`);
  // 13.1.4.0-2: RFC 1738 leaves spaces, quotes, angle brackets and similar characters unsafe in a URL.
  if (/[\s<>"{}|\\^`]/.test(url) || !canParseUrl(url)) throw new InvalidPackageError(`cmi5.xml: ${path}/url "${url}" is not a valid URL (RFC 1738)`);
  const query = url.includes("?") ? new URLSearchParams(url.slice(url.indexOf("?") + 1)) : new URLSearchParams();
  for (const name of reservedLaunchParameters) {
    if (query.has(name)) throw new InvalidPackageError(`cmi5.xml: ${path}/url must not contain the launch parameter "${name}"`);
  }
  const moveOn = attributes.moveOn ?? "NotApplicable";
  if (!moveOnValues.includes(moveOn as MoveOn)) throw new InvalidPackageError(`cmi5.xml: ${path}/@moveOn must be one of ${moveOnValues.join(", ")}`);
  let masteryScore: number | undefined;
  if (attributes.masteryScore !== undefined) {
    masteryScore = Number(attributes.masteryScore);
    if (!Number.isFinite(masteryScore) || masteryScore < 0 || masteryScore > 1) {
      throw new InvalidPackageError(`cmi5.xml: ${path}/@masteryScore must be a decimal between 0 and 1`);
    }
  }
  const launchMethod = attributes.launchMethod ?? "AnyWindow";
  if (launchMethod !== "AnyWindow" && launchMethod !== "OwnWindow") throw new InvalidPackageError(`cmi5.xml: ${path}/@launchMethod must be AnyWindow or OwnWindow`);
  return {
    kind: "au",
    id: requireIri(attributes.id, `${path}/@id`),
    title: languageMapOf(children, "title", `${path}/title`),
    description: languageMapOf(children, "description", `${path}/description`),
    url,
    moveOn: moveOn as MoveOn,
    masteryScore,
    launchMethod,
    launchParameters: textOf(children, "launchParameters"),
    entitlementKey: textOf(children, "entitlementKey"),
  };
}

export function isFullyQualifiedUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+/i.test(url);
}

function canParseUrl(url: string): boolean {
  try {
    new URL(url, "http://package.invalid/");
    return true;
  } catch {
    return false;
  }
}

/** cmi5 3.0.0.0-1 (d): ids must be fully qualified IRIs, not references. */
function requireIri(value: string | undefined, path: string): string {
  if (!value) throw new InvalidPackageError(`cmi5.xml: ${path} is required`);
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(value)) throw new InvalidPackageError(`cmi5.xml: ${path} must be a fully qualified IRI, got "${value}"`);
  return value;
}

function attributesOf(node: XmlNode): Record<string, string | undefined> {
  return (node[":@"] as Record<string, string> | undefined) ?? {};
}

function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function textOf(nodes: XmlNode[], name: string): string | undefined {
  const node = nodes.find((n) => name in n);
  if (!node) return undefined;
  const text = childrenOf(node, name).find((n) => "#text" in n)?.["#text"];
  return text === undefined ? undefined : String(text);
}

function languageMapOf(nodes: XmlNode[], name: string, path: string): LanguageMap {
  const node = nodes.find((n) => name in n);
  if (!node) {
    if (name === "title") throw new InvalidPackageError(`cmi5.xml: ${path} is required`);
    return {};
  }
  const map: LanguageMap = {};
  for (const langstring of childrenOf(node, name).filter((n) => "langstring" in n)) {
    const lang = attributesOf(langstring).lang ?? "und";
    map[lang] = textOf([langstring], "langstring") ?? "";
  }
  return map;
}
