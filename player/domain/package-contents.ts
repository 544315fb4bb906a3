// Which standard a package follows, its manifest parsed into the model, and whether every
// file the manifest names is in the package. Pure: the caller lists and reads the files.
import { InvalidPackageError } from "../errors.js";
import { listAus, parseCmi5Structure } from "./cmi5-structure.js";
import { type ContentPackage, isExternalUrl, listScormItems, packagePathOf } from "./content-package.js";
import { parseScormManifest } from "./scorm-manifest.js";
import { parseTincanXml } from "./tincan-structure.js";

/** The manifest files that name a standard, in the order they win when a zip holds more than one. */
export const manifestFiles = ["cmi5.xml", "tincan.xml", "imsmanifest.xml"] as const;
export type ManifestFile = (typeof manifestFiles)[number];

/** The manifest at the package root that decides its standard; undefined when there is none. */
export function findManifest(rootFiles: ReadonlySet<string>): ManifestFile | undefined {
  return manifestFiles.find((name) => rootFiles.has(name));
}

/** Parses the manifest into the package model (SCORM's version and edition come from the manifest itself). */
export function parseManifest(manifest: ManifestFile, xml: string): ContentPackage {
  switch (manifest) {
    case "cmi5.xml": {
      const course = parseCmi5Structure(xml);
      return { format: "cmi5", identifier: course.id, title: course.title, course };
    }
    case "tincan.xml":
      return parseTincanXml(xml);
    case "imsmanifest.xml":
      return parseScormManifest(xml);
  }
}

/** A cmi5 course structure sent alone, without a zip (cmi5 14.2): every URL must be fully qualified. */
export function parseStandaloneCmi5(xml: string): ContentPackage {
  const course = parseCmi5Structure(xml, { standalone: true });
  return { format: "cmi5", identifier: course.id, title: course.title, course };
}

/**
 * Throws InvalidPackageError for the first file the manifest references that the package
 * lacks. `hasFile` answers for normalized package paths ("a/b.html").
 */
export function checkReferencedFiles(pkg: ContentPackage, manifest: string, hasFile: (path: string) => boolean): void {
  const check = (reference: string, what: string) => {
    if (isExternalUrl(reference)) return;
    const path = normalizePackagePath(packagePathOf(reference), manifest, what);
    if (!hasFile(path)) throw new InvalidPackageError(`${manifest}: ${what} "${path}", which is not in the package`);
  };
  switch (pkg.format) {
    case "cmi5":
      // 14.1.0.0-3: media in the zip is referenced by relative URLs, so a relative URL must name a file of the zip.
      for (const au of listAus(pkg.course.children)) check(au.url, `the AU "${au.id}" launches`);
      return;
    case "xapi":
      for (const activity of pkg.activities) if (activity.launch !== undefined) check(activity.launch, `the activity "${activity.id}" launches`);
      return;
    case "scorm12":
    case "scorm2004":
      for (const resource of pkg.resources) {
        if (resource.href !== undefined) check(resource.href, `resource "${resource.identifier}" launches`);
        for (const file of resource.files) check(file, `resource "${resource.identifier}" lists the file`);
      }
      for (const organization of pkg.organizations) {
        for (const item of listScormItems(organization.items)) if (item.launch !== undefined) check(item.launch, `item "${item.identifier}" launches`);
      }
      return;
  }
}

/** Resolves "." and ".." in a package path; a path that climbs out of the package is an error. */
export function normalizePackagePath(path: string, manifest: string, what: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) throw new InvalidPackageError(`${manifest}: ${what} "${path}", which points outside the package`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
