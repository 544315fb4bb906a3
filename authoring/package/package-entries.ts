// The entries of one package per format: the same pages, runtime and media, plus the
// format's manifest at the zip root (cmi5.xml, imsmanifest.xml or tincan.xml).
import { buildCmi5Xml } from "../domain/cmi5-xml.js";
import type { LoadedCourse } from "../domain/load-course.js";
import { auPagePath, runtimeScriptPath, runtimeStylePath } from "../domain/package-layout.js";
import type { PackageFiles } from "../domain/package-manifest.js";
import { buildScorm12Manifest } from "../domain/scorm12-manifest.js";
import { buildScorm2004Manifest } from "../domain/scorm2004-manifest.js";
import { buildTincanXml } from "../domain/tincan-xml.js";
import type { AuRenderer } from "./render-au.js";
import { shouldStore, type ZipEntry } from "./write-zip.js";

/** The formats `obuka build --format` knows, in the order `all` builds them. */
export const packageFormats = ["scorm12", "scorm2004", "xapi", "cmi5"] as const;
export type PackageFormat = (typeof packageFormats)[number];

export function isPackageFormat(value: string): value is PackageFormat {
  return (packageFormats as readonly string[]).includes(value);
}

export interface PackageAssets {
  renderAu: AuRenderer;
  runtimeScript: Buffer;
  runtimeStyle: Buffer;
  /** Media bytes by path relative to the course folder. */
  media: ReadonlyMap<string, Buffer>;
}

const manifests: Record<PackageFormat, { file: string; build: (loaded: LoadedCourse, files: PackageFiles, lang: string) => string }> = {
  scorm12: { file: "imsmanifest.xml", build: ({ course }, files, lang) => buildScorm12Manifest(course, files, lang) },
  scorm2004: { file: "imsmanifest.xml", build: ({ course }, files, lang) => buildScorm2004Manifest(course, files, lang) },
  xapi: { file: "tincan.xml", build: ({ course }, files, lang) => buildTincanXml(course, files.pages, lang) },
  // cmi5 section 14: cmi5.xml at the root, AU urls relative to it.
  cmi5: { file: "cmi5.xml", build: ({ course }, files) => buildCmi5Xml(course, files.pages) },
};

export function packageEntries(format: PackageFormat, loaded: LoadedCourse, assets: PackageAssets, lang: string): ZipEntry[] {
  const { course } = loaded;
  const pages = course.modules.map((_, index) => auPagePath(index));
  const files: PackageFiles = { pages, shared: [runtimeScriptPath, runtimeStylePath, ...loaded.mediaFiles].sort() };
  const text = (name: string, data: string | Buffer): ZipEntry => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"), store: false });
  const manifest = manifests[format];
  return [
    text(manifest.file, manifest.build(loaded, files, lang)),
    // The page tells the runtime which standard to look for (the SCORM API, xAPI or cmi5 launch).
    ...pages.map((page, index) => text(page, assets.renderAu(course, index, page, lang, format))),
    text(runtimeScriptPath, assets.runtimeScript),
    text(runtimeStylePath, assets.runtimeStyle),
    ...loaded.mediaFiles.map((file) => ({ name: file, data: assets.media.get(file)!, store: shouldStore(file) })),
  ];
}
