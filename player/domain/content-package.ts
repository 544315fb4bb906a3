// The player's model of an imported package, one shape per standard. Parsers fill it
// from the package's manifest; the store keeps it as is; launchers read it.
import type { Cmi5Course, LanguageMap } from "./cmi5-structure.js";
import type { Sequencing } from "./scorm-sequencing.js";

export type PackageFormat = "scorm12" | "scorm2004" | "xapi" | "cmi5";
export const packageFormats: readonly PackageFormat[] = ["scorm12", "scorm2004", "xapi", "cmi5"];

export type Scorm2004Edition = "2nd" | "3rd" | "4th";

export interface ScormPackage {
  format: "scorm12" | "scorm2004";
  /** "1.2" for SCORM 1.2; the SCORM 2004 edition otherwise. */
  edition: "1.2" | Scorm2004Edition;
  /** The manifest's identifier: what makes two imports versions of one course. */
  identifier: string;
  title: LanguageMap;
  metadata: ManifestMetadata;
  /** Identifier of the organization to show when the learner opens the package. */
  defaultOrganization: string;
  organizations: ScormOrganization[];
  resources: ScormResource[];
}

export interface ManifestMetadata {
  schema: string | undefined;
  schemaVersion: string | undefined;
  /** adlcp:location, an external metadata file, kept as a package path. */
  location: string | undefined;
}

export interface ScormOrganization {
  identifier: string;
  title: string;
  items: ScormItem[];
  /** SCORM 2004 only: the organization is the root activity of its activity tree. */
  sequencing: Sequencing | undefined;
  objectivesGlobalToSystem: boolean;
  sharedDataGlobalToSystem: boolean;
}

export interface ScormItem {
  identifier: string;
  title: string;
  /** The resource this item launches; absent for items that only group others. */
  identifierRef: string | undefined;
  /** The launch path: the resource's href (with xml:base applied) plus the item's parameters. */
  launch: string | undefined;
  parameters: string | undefined;
  isVisible: boolean;
  /** SCORM 1.2 adlcp:masteryscore (0–100). */
  masteryScore: number | undefined;
  /** SCORM 1.2 adlcp:prerequisites (AICC script) as written. */
  prerequisites: string | undefined;
  maxTimeAllowed: string | undefined;
  timeLimitAction: TimeLimitAction | undefined;
  dataFromLms: string | undefined;
  /** SCORM 2004 adlcp:completionThreshold. */
  completionThreshold: CompletionThreshold | undefined;
  /** SCORM 2004 imsss:sequencing, with an IDRef to the sequencing collection already merged in. */
  sequencing: Sequencing | undefined;
  /** SCORM 2004 adlnav:presentation/navigationInterface/hideLMSUI values. */
  hideLmsUi: string[];
  children: ScormItem[];
}

export type TimeLimitAction = "exit,message" | "exit,no message" | "continue,message" | "continue,no message";
export const timeLimitActions: readonly TimeLimitAction[] = ["exit,message", "exit,no message", "continue,message", "continue,no message"];

export interface CompletionThreshold {
  completedByMeasure: boolean;
  minProgressMeasure: number;
  progressWeight: number;
}

export interface ScormResource {
  identifier: string;
  type: string;
  scormType: "sco" | "asset";
  /** Package path of the launch file (xml:base applied), or an absolute URL. */
  href: string | undefined;
  /** Package paths of the files the resource lists (xml:base applied). */
  files: string[];
  /** Identifiers of resources this one depends on. */
  dependencies: string[];
}

export interface XapiPackage {
  format: "xapi";
  /** The course activity's IRI: the activity with a launch, preferring type course. */
  identifier: string;
  title: LanguageMap;
  activities: XapiActivity[];
}

export interface XapiActivity {
  id: string;
  type: string | undefined;
  name: LanguageMap;
  description: LanguageMap;
  /** Package path or absolute URL the activity launches. */
  launch: string | undefined;
}

export interface Cmi5Package {
  format: "cmi5";
  identifier: string;
  title: LanguageMap;
  course: Cmi5Course;
}

export type ContentPackage = ScormPackage | XapiPackage | Cmi5Package;

/** Items in document order, depth first. */
export function listScormItems(items: readonly ScormItem[]): ScormItem[] {
  return items.flatMap((item) => [item, ...listScormItems(item.children)]);
}

/** Whether a reference in a manifest points outside the package (a URL with a scheme, or protocol-relative). */
export function isExternalUrl(reference: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith("//");
}

/** Turns a launch reference into the package path of its file: no query, no fragment, percent-decoded. */
export function packagePathOf(reference: string): string {
  const withoutQuery = reference.split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(withoutQuery).replace(/^\.\//, "");
  } catch {
    return withoutQuery;
  }
}
