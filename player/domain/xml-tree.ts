import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InvalidPackageError } from "../errors.js";

/** An element with its namespace resolved, so parsers match on (namespace, local name) and not on prefixes. */
export interface XmlElement {
  name: string;
  namespace: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own text, trimmed (cmi5 13.1.0.0-1 and CP both ignore surrounding whitespace). */
  text: string;
  /** Where the element sits, e.g. `manifest/organizations/organization[2]`, for error messages. */
  path: string;
}

export interface XmlAttribute {
  name: string;
  namespace: string;
  value: string;
}

export const xmlNamespace = "http://www.w3.org/XML/1998/namespace";

type RawNode = Record<string, unknown>;

/**
 * Parses an XML document from a package into a namespace-aware tree. A UTF-8 byte order
 * mark is dropped; malformed XML and entity declarations (expansion bombs) throw
 * InvalidPackageError naming the file and line.
 */
export function parseXmlDocument(text: string, fileName: string): XmlElement {
  const xml = text.replace(/^\uFEFF/, "");
  if (/<!ENTITY/i.test(xml)) throw new InvalidPackageError(`${fileName}: entity declarations are not allowed`);
  let verdict: ReturnType<typeof XMLValidator.validate>;
  try {
    verdict = XMLValidator.validate(xml);
  } catch (error) {
    throw new InvalidPackageError(`${fileName}: not well-formed XML (${(error as Error).message})`, { cause: error });
  }
  if (verdict !== true) {
    throw new InvalidPackageError(`${fileName}:${verdict.err.line}:${verdict.err.col}: not well-formed XML (${verdict.err.msg})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  try {
    const nodes = parser.parse(xml) as RawNode[];
    const roots = nodes.filter((node) => elementName(node) !== undefined);
    if (roots.length !== 1) throw new InvalidPackageError(`${fileName}: expected exactly one root element`);
    return toElement(roots[0]!, new Map([["xml", xmlNamespace]]), "", fileName);
  } catch (error) {
    if (error instanceof InvalidPackageError) throw error;
    // The parser's own limits (nesting depth) and a stack exhausted by absurd nesting are the document's fault.
    throw new InvalidPackageError(`${fileName}: cannot be read (${error instanceof RangeError ? "elements are nested too deeply" : (error as Error).message})`, { cause: error });
  }
}

export function attributeOf(element: XmlElement, name: string, namespace = ""): string | undefined {
  return element.attributes.find((a) => a.name === name && a.namespace === namespace)?.value;
}

export function childrenNamed(element: XmlElement, name: string, namespace: string): XmlElement[] {
  return element.children.filter((child) => child.name === name && child.namespace === namespace);
}

export function childNamed(element: XmlElement, name: string, namespace: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name && child.namespace === namespace);
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((key) => key !== ":@" && key !== "#text" && key !== "#comment" && !key.startsWith("?"));
}

function toElement(node: RawNode, inherited: Map<string, string>, parentPath: string, fileName: string, index = 0): XmlElement {
  const qualified = elementName(node)!;
  const rawAttributes = (node[":@"] as Record<string, string> | undefined) ?? {};
  const scope = new Map(inherited);
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === "xmlns") scope.set("", value);
    else if (key.startsWith("xmlns:")) scope.set(key.slice(6), value);
  }
  const [prefix, local] = splitName(qualified);
  const namespace = scope.get(prefix) ?? (prefix === "" ? "" : undefined);
  if (namespace === undefined) throw new InvalidPackageError(`${fileName}: the prefix "${prefix}" of <${qualified}> is not declared`);
  const path = parentPath ? `${parentPath}/${local}${index > 0 ? `[${index}]` : ""}` : local;
  const attributes: XmlAttribute[] = [];
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) continue;
    const [attrPrefix, attrLocal] = splitName(key);
    const attrNamespace = attrPrefix === "" ? "" : scope.get(attrPrefix);
    if (attrNamespace === undefined) throw new InvalidPackageError(`${fileName}: ${path}: the prefix "${attrPrefix}" of @${key} is not declared`);
    attributes.push({ name: attrLocal, namespace: attrNamespace, value: String(value) });
  }
  const rawChildren = (node[qualified] as RawNode[] | undefined) ?? [];
  const seen = new Map<string, number>();
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of rawChildren) {
    if ("#text" in child) {
      texts.push(String(child["#text"]));
      continue;
    }
    const childName = elementName(child);
    if (childName === undefined) continue;
    const childLocal = splitName(childName)[1];
    const position = (seen.get(childLocal) ?? 0) + 1;
    seen.set(childLocal, position);
    children.push(toElement(child, scope, path, fileName, position));
  }
  return { name: local, namespace, attributes, children, text: texts.join("").trim(), path };
}

function splitName(qualified: string): [string, string] {
  const colon = qualified.indexOf(":");
  return colon < 0 ? ["", qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}
