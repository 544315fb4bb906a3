// imsmanifest.xml for SCORM 1.2 (CAM 1.2, IMS CP 1.1.2 + ADL CP): one organization, one
// item and one SCO resource per module, the shared files as one asset the SCOs depend on.
import { escapeXml } from "./cmi5-xml.js";
import type { Course } from "./course.js";
import { fileLines, itemId, type PackageFiles, percent, resourceId, sharedResourceId, titleIn, xmlId } from "./package-manifest.js";

const schemaLocation = [
  "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd",
  "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd",
  "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
].join(" ");

export function buildScorm12Manifest(course: Course, files: PackageFiles, lang: string): string {
  const organization = xmlId("ORG", course.id);
  const items = course.modules.flatMap((module, index) => [
    `      <item identifier="${itemId(index)}" identifierref="${resourceId(index)}" isvisible="true">`,
    `        <title>${titleIn(course, module.title, lang)}</title>`,
    // The LMS compares cmi.core.score.raw (a percentage) with it and may set passed/failed.
    ...(module.masteryScore === undefined ? [] : [`        <adlcp:masteryscore>${percent(module.masteryScore)}</adlcp:masteryscore>`]),
    `      </item>`,
  ]);
  const resources = course.modules.flatMap((_, index) => [
    `    <resource identifier="${resourceId(index)}" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(files.pages[index]!)}">`,
    ...fileLines([files.pages[index]!], "      "),
    `      <dependency identifierref="${sharedResourceId}"/>`,
    `    </resource>`,
  ]);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<manifest identifier="${xmlId("MANIFEST", course.id)}" version="1.0"`,
    `  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"`,
    `  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`,
    `  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
    `  xsi:schemaLocation="${schemaLocation}">`,
    `  <metadata>`,
    `    <schema>ADL SCORM</schema>`,
    `    <schemaversion>1.2</schemaversion>`,
    `  </metadata>`,
    `  <organizations default="${organization}">`,
    `    <organization identifier="${organization}">`,
    `      <title>${titleIn(course, course.title, lang)}</title>`,
    ...items,
    `    </organization>`,
    `  </organizations>`,
    `  <resources>`,
    ...resources,
    `    <resource identifier="${sharedResourceId}" type="webcontent" adlcp:scormtype="asset">`,
    ...fileLines(files.shared, "      "),
    `    </resource>`,
    `  </resources>`,
    `</manifest>`,
    ``,
  ].join("\n");
}
