import { listAus } from "../domain/cmi5-structure.js";
import type { LanguageMap } from "../domain/cmi5-structure.js";
import { listScormItems } from "../domain/content-package.js";
import type { ImportedPackage } from "../store/player-store.js";

/** How the catalog names each standard (the same in every language). */
export function formatLabelOf(pkg: ImportedPackage): string {
  const content = pkg.content;
  switch (content.format) {
    case "cmi5":
      return "cmi5";
    case "xapi":
      return "xAPI";
    case "scorm12":
      return "SCORM 1.2";
    case "scorm2004":
      return `SCORM 2004 (${content.edition} ed.)`;
  }
}

export function descriptionOf(pkg: ImportedPackage): LanguageMap {
  const content = pkg.content;
  if (content.format === "cmi5") return content.course.description;
  if (content.format === "xapi") return content.activities.find((a) => a.id === content.identifier)?.description ?? {};
  return {};
}

/** Every format launches in the player: cmi5, xAPI, and SCORM 1.2 / 2004 on the SCORM launch page. */
export function isLaunchable(pkg: ImportedPackage): boolean {
  return pkg.format === "cmi5" || pkg.format === "xapi" || pkg.format === "scorm12" || pkg.format === "scorm2004";
}

/** The JSON shape of a package in `GET /api/packages` and the import answer. */
export function packageSummaryJson(pkg: ImportedPackage): Record<string, unknown> {
  const content = pkg.content;
  const base = {
    courseId: pkg.courseId,
    packageId: pkg.packageId,
    format: pkg.format,
    title: content.title,
    importedAt: pkg.importedAt,
    launchable: isLaunchable(pkg),
  };
  switch (content.format) {
    case "cmi5":
      return {
        ...base,
        aus: listAus(content.course.children).map((au) => ({ id: au.id, title: au.title, moveOn: au.moveOn, masteryScore: au.masteryScore })),
      };
    case "xapi":
      return { ...base, activities: content.activities.map((a) => ({ id: a.id, type: a.type, name: a.name, launch: a.launch })) };
    case "scorm12":
    case "scorm2004":
      return {
        ...base,
        edition: content.edition,
        organizations: content.organizations.map((o) => ({
          identifier: o.identifier,
          title: o.title,
          default: o.identifier === content.defaultOrganization,
          items: listScormItems(o.items).map((item) => ({ identifier: item.identifier, title: item.title, launch: item.launch, masteryScore: item.masteryScore })),
        })),
      };
  }
}
