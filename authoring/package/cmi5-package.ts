// The entries of a cmi5 package (cmi5 section 14): cmi5.xml at the root, one page per AU,
// the runtime, the media.
import { buildCmi5Xml } from "../domain/cmi5-xml.js";
import type { LoadedCourse } from "../domain/load-course.js";
import { auPagePath, runtimeScriptPath, runtimeStylePath } from "../domain/package-layout.js";
import type { AuRenderer } from "./render-au.js";
import { shouldStore, type ZipEntry } from "./write-zip.js";

export interface PackageAssets {
  renderAu: AuRenderer;
  runtimeScript: Buffer;
  runtimeStyle: Buffer;
  /** Media bytes by path relative to the course folder. */
  media: ReadonlyMap<string, Buffer>;
}

export function cmi5PackageEntries(loaded: LoadedCourse, assets: PackageAssets, lang: string): ZipEntry[] {
  const { course } = loaded;
  const pages = course.modules.map((_, index) => auPagePath(index));
  const text = (name: string, data: string | Buffer): ZipEntry => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"), store: false });
  return [
    text("cmi5.xml", buildCmi5Xml(course, pages)),
    ...pages.map((page, index) => text(page, assets.renderAu(course, index, page, lang))),
    text(runtimeScriptPath, assets.runtimeScript),
    text(runtimeStylePath, assets.runtimeStyle),
    ...loaded.mediaFiles.map((file) => ({ name: file, data: assets.media.get(file)!, store: shouldStore(file) })),
  ];
}
