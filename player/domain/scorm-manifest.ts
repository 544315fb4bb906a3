// imsmanifest.xml of SCORM 1.2 and SCORM 2004 (2nd, 3rd, 4th ed.) into ScormPackage.
// Checks what the CAM schemas and books require and what a player depends on:
// identifiers unique (xs:ID) and references resolvable (xs:IDREF), vocabularies, SCORM
// types, and launchable items.
import { InvalidPackageError } from "../errors.js";
import {
  type CompletionThreshold,
  type ManifestMetadata,
  type Scorm2004Edition,
  type ScormItem,
  type ScormOrganization,
  type ScormPackage,
  type ScormResource,
  isExternalUrl,
  listScormItems,
  timeLimitActions,
} from "./content-package.js";
import { type Sequencing, AttributeReader, imsssNamespace, parseSequencing } from "./scorm-sequencing.js";
import { type XmlElement, attributeOf, childNamed, childrenNamed, parseXmlDocument, xmlNamespace } from "./xml-tree.js";

const file = "imsmanifest.xml";
export const scormNamespaces = {
  imscp12: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  adlcp12: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
  imscp2004: "http://www.imsglobal.org/xsd/imscp_v1p1",
  adlcp2004: "http://www.adlnet.org/xsd/adlcp_v1p3",
  adlnav2004: "http://www.adlnet.org/xsd/adlnav_v1p3",
} as const;

/** metadata/schemaversion values and what they mean (SCORM 1.2 CAM, SCORM 2004 CAM 2nd–4th ed.). */
const editionBySchemaVersion: Record<string, ScormPackage["edition"]> = {
  "1.2": "1.2",
  "CAM 1.3": "2nd",
  "2004 2nd Edition": "2nd",
  "2004 3rd Edition": "3rd",
  "2004 4th Edition": "4th",
};

interface Context {
  reader: AttributeReader;
  cp: string;
  adlcp: string;
  is2004: boolean;
  resources: Map<string, ScormResource>;
  sequencingCollection: Map<string, Sequencing>;
}

/** Parses imsmanifest.xml; throws InvalidPackageError naming the element that breaks a rule. */
export function parseScormManifest(xml: string): ScormPackage {
  const root = parseXmlDocument(xml, file);
  const reader = new AttributeReader(file);
  if (root.name !== "manifest" || (root.namespace !== scormNamespaces.imscp12 && root.namespace !== scormNamespaces.imscp2004)) {
    throw new InvalidPackageError(`${file}: the root element must be an IMS Content Packaging <manifest>, got <${root.name}> in "${root.namespace}"`);
  }
  const cp = root.namespace;
  const metadata = readMetadata(root, cp);
  const edition = editionOf(metadata, root);
  const is2004 = edition !== "1.2";
  const context: Context = {
    reader,
    cp,
    adlcp: is2004 ? scormNamespaces.adlcp2004 : scormNamespaces.adlcp12,
    is2004,
    resources: new Map(),
    sequencingCollection: new Map(),
  };
  const identifier = requireAttribute(root, "identifier");
  checkUniqueIds(root);

  if (is2004) {
    const collection = childNamed(root, "sequencingCollection", imsssNamespace);
    for (const sequencing of collection ? childrenNamed(collection, "sequencing", imsssNamespace) : []) {
      const id = attributeOf(sequencing, "ID");
      if (!id) throw reader.error(sequencing, "a sequencing in the sequencingCollection needs @ID");
      context.sequencingCollection.set(id, parseSequencing(sequencing, file));
    }
  }

  const resourcesElement = childNamed(root, "resources", cp);
  if (!resourcesElement) throw reader.error(root, "needs a <resources> element");
  const baseOfResources = resolveBase([attributeOf(root, "base", xmlNamespace), attributeOf(resourcesElement, "base", xmlNamespace)]);
  for (const element of childrenNamed(resourcesElement, "resource", cp)) {
    const resource = parseResource(element, baseOfResources, context);
    context.resources.set(resource.identifier, resource);
  }
  for (const resource of context.resources.values()) {
    for (const dependency of resource.dependencies) {
      if (!context.resources.has(dependency)) throw new InvalidPackageError(`${file}: resource "${resource.identifier}" depends on "${dependency}", which is not a resource of the manifest`);
    }
  }

  const organizationsElement = childNamed(root, "organizations", cp);
  if (!organizationsElement) throw reader.error(root, "needs an <organizations> element");
  const organizations = childrenNamed(organizationsElement, "organization", cp).map((element) => parseOrganization(element, context));
  if (organizations.length === 0) throw reader.error(organizationsElement, "has no <organization>: the package has nothing to launch");
  const defaultOrganization = attributeOf(organizationsElement, "default") ?? organizations[0]!.identifier;
  const chosen = organizations.find((o) => o.identifier === defaultOrganization);
  if (!chosen) throw reader.error(organizationsElement, `@default "${defaultOrganization}" names no organization of the manifest`);
  if (!organizations.some((o) => listScormItems(o.items).some((item) => item.launch !== undefined))) {
    throw reader.error(organizationsElement, "no item launches a resource: the package has nothing to launch");
  }

  return {
    format: is2004 ? "scorm2004" : "scorm12",
    edition,
    identifier,
    title: { und: chosen.title || identifier },
    metadata,
    defaultOrganization,
    organizations,
    resources: [...context.resources.values()],
  };
}

/** The passing score of a SCORM 2004 item as a scaled score, from its primary objective (SN 4.2.1.6). */
export function scaledPassingScoreOf(item: ScormItem): number | undefined {
  const primary = item.sequencing?.objectives.primary;
  return primary?.satisfiedByMeasure ? primary.minNormalizedMeasure : undefined;
}

function readMetadata(root: XmlElement, cp: string): ManifestMetadata {
  const metadata = childNamed(root, "metadata", cp);
  const location = metadata?.children.find((c) => c.name === "location" && (c.namespace === scormNamespaces.adlcp12 || c.namespace === scormNamespaces.adlcp2004));
  return {
    schema: metadata ? childNamed(metadata, "schema", cp)?.text : undefined,
    schemaVersion: metadata ? childNamed(metadata, "schemaversion", cp)?.text : undefined,
    location: location?.text,
  };
}

function editionOf(metadata: ManifestMetadata, root: XmlElement): ScormPackage["edition"] {
  if (metadata.schemaVersion !== undefined) {
    const edition = editionBySchemaVersion[metadata.schemaVersion];
    if (!edition) {
      throw new InvalidPackageError(`${file}: manifest/metadata/schemaversion "${metadata.schemaVersion}" is not a SCORM version (${Object.keys(editionBySchemaVersion).join(", ")})`);
    }
    const namespaceIs12 = root.namespace === scormNamespaces.imscp12;
    if ((edition === "1.2") !== namespaceIs12) {
      throw new InvalidPackageError(`${file}: schemaversion "${metadata.schemaVersion}" does not match the manifest's namespace "${root.namespace}"`);
    }
    return edition;
  }
  if (root.namespace === scormNamespaces.imscp12) return "1.2";
  throw new InvalidPackageError(`${file}: a SCORM 2004 manifest needs manifest/metadata/schemaversion ("2004 4th Edition", "2004 3rd Edition" or "CAM 1.3")`);
}

function parseResource(element: XmlElement, inheritedBase: string, context: Context): ScormResource {
  const { reader, cp, adlcp, is2004 } = context;
  const identifier = requireAttribute(element, "identifier");
  const type = requireAttribute(element, "type");
  const scormType = attributeOf(element, is2004 ? "scormType" : "scormtype", adlcp);
  if (scormType !== "sco" && scormType !== "asset") {
    throw reader.error(element, `adlcp:${is2004 ? "scormType" : "scormtype"} must be "sco" or "asset", got ${scormType === undefined ? "nothing" : `"${scormType}"`}`);
  }
  const base = resolveBase([inheritedBase, attributeOf(element, "base", xmlNamespace)]);
  const href = attributeOf(element, "href");
  if (scormType === "sco" && !href) throw reader.error(element, "is a SCO, so it needs @href: the file to launch");
  return {
    identifier,
    type,
    scormType,
    href: href === undefined ? undefined : resolveReference(base, href),
    files: childrenNamed(element, "file", cp).map((f) => resolveReference(base, requireAttribute(f, "href"))),
    dependencies: childrenNamed(element, "dependency", cp).map((d) => requireAttribute(d, "identifierref")),
  };
}

function parseOrganization(element: XmlElement, context: Context): ScormOrganization {
  const { cp, is2004 } = context;
  const sequencingElement = is2004 ? childNamed(element, "sequencing", imsssNamespace) : undefined;
  const title = childNamed(element, "title", cp)?.text;
  if (is2004 && !title) throw context.reader.error(element, "needs a <title> (SCORM 2004 CAM)");
  const items = childrenNamed(element, "item", cp).map((item) => parseItem(item, context));
  if (items.length === 0) throw context.reader.error(element, "has no <item>");
  return {
    identifier: requireAttribute(element, "identifier"),
    title: title ?? "",
    items,
    sequencing: sequencingElement ? sequencingOf(sequencingElement, context) : undefined,
    objectivesGlobalToSystem: context.reader.boolean(element, "objectivesGlobalToSystem", true, "http://www.adlnet.org/xsd/adlseq_v1p3"),
    sharedDataGlobalToSystem: context.reader.boolean(element, "sharedDataGlobalToSystem", true, scormNamespaces.adlcp2004),
  };
}

function parseItem(element: XmlElement, context: Context): ScormItem {
  const { reader, cp, adlcp, is2004 } = context;
  const identifier = requireAttribute(element, "identifier");
  const title = childNamed(element, "title", cp)?.text;
  if (is2004 && !title) throw reader.error(element, "needs a <title> (SCORM 2004 CAM)");
  const children = childrenNamed(element, "item", cp).map((child) => parseItem(child, context));
  const identifierRef = attributeOf(element, "identifierref");
  const parameters = attributeOf(element, "parameters");
  let launch: string | undefined;
  if (identifierRef !== undefined) {
    const resource = context.resources.get(identifierRef);
    if (!resource) throw reader.error(element, `@identifierref "${identifierRef}" names no resource of the manifest`);
    if (!resource.href) throw reader.error(element, `launches resource "${identifierRef}", which has no @href`);
    if (is2004 && children.length > 0) throw reader.error(element, "has child items, so it must not reference a resource (SCORM 2004 CAM)");
    launch = withParameters(resource.href, parameters);
  } else if (is2004 && children.length === 0) {
    throw reader.error(element, "is a leaf item, so it must reference a resource with @identifierref (SCORM 2004 CAM)");
  }
  const text = (name: string) => childNamed(element, name, adlcp)?.text;
  const timeLimitAction = text(is2004 ? "timeLimitAction" : "timelimitaction");
  if (timeLimitAction !== undefined && !(timeLimitActions as readonly string[]).includes(timeLimitAction)) {
    throw reader.error(element, `adlcp:timeLimitAction must be one of ${timeLimitActions.join("; ")}, got "${timeLimitAction}"`);
  }
  const sequencingElement = is2004 ? childNamed(element, "sequencing", imsssNamespace) : undefined;
  const navigationInterface = is2004
    ? childNamed(childNamed(element, "presentation", scormNamespaces.adlnav2004) ?? element, "navigationInterface", scormNamespaces.adlnav2004)
    : undefined;
  return {
    identifier,
    title: title ?? "",
    identifierRef,
    launch,
    parameters,
    isVisible: reader.boolean(element, "isvisible", true),
    masteryScore: is2004 ? undefined : masteryScoreOf(element, context),
    prerequisites: is2004 ? undefined : text("prerequisites"),
    maxTimeAllowed: is2004 ? undefined : text("maxtimeallowed"),
    timeLimitAction: timeLimitAction as ScormItem["timeLimitAction"],
    dataFromLms: text(is2004 ? "dataFromLMS" : "datafromlms"),
    completionThreshold: is2004 ? completionThresholdOf(element, context) : undefined,
    sequencing: sequencingElement ? sequencingOf(sequencingElement, context) : undefined,
    hideLmsUi: navigationInterface ? childrenNamed(navigationInterface, "hideLMSUI", scormNamespaces.adlnav2004).map((h) => hideLmsUiValue(h, reader)) : [],
    children,
  };
}

/** adlnav_v1p3.xsd: the navigation requests an LMS may be asked to hide. */
const hideLmsUiValues = ["abandon", "continue", "exit", "previous", "suspendAll", "exitAll", "abandonAll"];

function hideLmsUiValue(element: XmlElement, reader: AttributeReader): string {
  if (!hideLmsUiValues.includes(element.text)) throw reader.error(element, `must be one of ${hideLmsUiValues.join(", ")}, got "${element.text}"`);
  return element.text;
}

function masteryScoreOf(element: XmlElement, context: Context): number | undefined {
  const score = childNamed(element, "masteryscore", context.adlcp);
  if (!score) return undefined;
  const value = Number(score.text);
  if (score.text === "" || !Number.isFinite(value) || value < 0 || value > 100) {
    throw context.reader.error(score, `adlcp:masteryscore must be a number from 0 to 100, got "${score.text}"`);
  }
  return value;
}

function completionThresholdOf(element: XmlElement, context: Context): CompletionThreshold | undefined {
  const threshold = childNamed(element, "completionThreshold", context.adlcp);
  if (!threshold) return undefined;
  // 3rd edition writes the threshold as element text; 4th edition as attributes.
  if (threshold.text !== "") {
    const value = Number(threshold.text);
    if (!Number.isFinite(value) || value < 0 || value > 1) throw context.reader.error(threshold, `must be a decimal from 0 to 1, got "${threshold.text}"`);
    return { completedByMeasure: true, minProgressMeasure: value, progressWeight: 1 };
  }
  return {
    completedByMeasure: context.reader.boolean(threshold, "completedByMeasure", false),
    minProgressMeasure: context.reader.decimal(threshold, "minProgressMeasure", 1, 0, 1),
    progressWeight: context.reader.decimal(threshold, "progressWeight", 1, 0, 1),
  };
}

function sequencingOf(element: XmlElement, context: Context): Sequencing {
  const idRef = attributeOf(element, "IDRef");
  let base: Sequencing | undefined;
  if (idRef !== undefined) {
    base = context.sequencingCollection.get(idRef);
    if (!base) throw context.reader.error(element, `@IDRef "${idRef}" names no sequencing of the sequencingCollection`);
  }
  return parseSequencing(element, file, base);
}

/** xs:ID values are unique in the whole document, whatever element carries them. */
function checkUniqueIds(root: XmlElement): void {
  const seen = new Set<string>();
  const visit = (element: XmlElement) => {
    const isCp = element.namespace === scormNamespaces.imscp12 || element.namespace === scormNamespaces.imscp2004;
    const id = isCp && ["manifest", "organization", "item", "resource"].includes(element.name) ? attributeOf(element, "identifier") : attributeOf(element, "ID");
    if (id !== undefined) {
      if (seen.has(id)) throw new InvalidPackageError(`${file}: ${element.path}: identifier "${id}" is used more than once`);
      seen.add(id);
    }
    element.children.forEach(visit);
  };
  visit(root);
}

function requireAttribute(element: XmlElement, name: string): string {
  const value = attributeOf(element, name)?.trim();
  if (!value) throw new InvalidPackageError(`${file}: ${element.path}: @${name} is required`);
  return value;
}

const packageOrigin = "http://package.invalid/";

/** Applies the xml:base chain (manifest, resources, resource) the way URLs resolve. */
function resolveBase(bases: (string | undefined)[]): string {
  return bases.reduce<string>((resolved, base) => {
    if (!base) return resolved;
    try {
      return new URL(base, resolved).href;
    } catch {
      throw new InvalidPackageError(`${file}: xml:base "${base}" is not a valid URL reference`);
    }
  }, packageOrigin);
}

/** A reference as a package path (no leading slash), or as the absolute URL it resolves to. */
function resolveReference(base: string, href: string): string {
  if (isExternalUrl(href)) return href;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    throw new InvalidPackageError(`${file}: "${href}" is not a valid URL reference`);
  }
  if (url.origin !== new URL(packageOrigin).origin) return url.href;
  return url.pathname.slice(1) + url.search + url.hash;
}

/** Adds an item's parameters to its resource's href (SCORM 2004 CAM 3.4.1.10 rules). */
function withParameters(href: string, parameters: string | undefined): string {
  if (!parameters) return href;
  if (parameters.startsWith("#")) return href.includes("#") ? href : href + parameters;
  const query = parameters.replace(/^[?&]/, "");
  return href + (href.includes("?") ? "&" : "?") + query;
}

