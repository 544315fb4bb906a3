// tincan.xml (the xAPI package descriptor from Rustici's TinCan packaging) into XapiPackage.
import { InvalidPackageError } from "../errors.js";
import type { LanguageMap } from "./cmi5-structure.js";
import type { XapiActivity, XapiPackage } from "./content-package.js";
import { type XmlElement, attributeOf, childNamed, childrenNamed, parseXmlDocument } from "./xml-tree.js";

const file = "tincan.xml";
export const tincanNamespace = "http://projecttincan.com/tincan.xsd";
const courseType = "http://adlnet.gov/expapi/activities/course";

/** Parses tincan.xml (a UTF-8 BOM is fine); throws InvalidPackageError naming the element. */
export function parseTincanXml(xml: string): XapiPackage {
  const root = parseXmlDocument(xml, file);
  if (root.name !== "tincan" || root.namespace !== tincanNamespace) {
    throw new InvalidPackageError(`${file}: the root element must be <tincan xmlns="${tincanNamespace}">, got <${root.name}> in "${root.namespace}"`);
  }
  const list = childNamed(root, "activities", tincanNamespace);
  if (!list) throw new InvalidPackageError(`${file}: tincan needs an <activities> element`);
  const activities = childrenNamed(list, "activity", tincanNamespace).map(parseActivity);
  const seen = new Set<string>();
  for (const activity of activities) {
    if (seen.has(activity.id)) throw new InvalidPackageError(`${file}: activity id "${activity.id}" is used more than once`);
    seen.add(activity.id);
  }
  const launchable = activities.filter((a) => a.launch !== undefined);
  const course = launchable.find((a) => a.type === courseType) ?? launchable[0];
  if (!course) throw new InvalidPackageError(`${file}: no activity has a <launch>: the package has nothing to launch`);
  return { format: "xapi", identifier: course.id, title: Object.keys(course.name).length ? course.name : { und: course.id }, activities };
}

function parseActivity(element: XmlElement): XapiActivity {
  const id = attributeOf(element, "id")?.trim();
  if (!id) throw new InvalidPackageError(`${file}: ${element.path}/@id is required`);
  // xAPI 2.4.4.1: activity ids are IRIs, so they must be absolute.
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) throw new InvalidPackageError(`${file}: ${element.path}/@id must be an absolute IRI, got "${id}"`);
  const launch = childNamed(element, "launch", tincanNamespace)?.text;
  if (launch !== undefined && launch === "") throw new InvalidPackageError(`${file}: ${element.path}/launch is empty`);
  return {
    id,
    type: attributeOf(element, "type")?.trim() || undefined,
    name: languageMapOf(element, "name"),
    description: languageMapOf(element, "description"),
    launch,
  };
}

function languageMapOf(element: XmlElement, name: string): LanguageMap {
  const map: LanguageMap = {};
  for (const child of childrenNamed(element, name, tincanNamespace)) map[attributeOf(child, "lang") ?? "und"] = child.text;
  return map;
}
