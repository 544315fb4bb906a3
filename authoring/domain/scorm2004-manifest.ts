// imsmanifest.xml for SCORM 2004 4th Edition (CAM, SN): one SCO per module; the root lets
// the learner move with flow and choice and rolls the modules up into the course's
// satisfaction and completion; each module is satisfied by its quiz score (measure).
import { escapeXml } from "./cmi5-xml.js";
import type { CourseModule, Course } from "./course.js";
import { fileLines, itemId, type PackageFiles, resourceId, sharedResourceId, titleIn, xmlId } from "./package-manifest.js";

const namespaces = {
  imscp: "http://www.imsglobal.org/xsd/imscp_v1p1",
  adlcp: "http://www.adlnet.org/xsd/adlcp_v1p3",
  adlseq: "http://www.adlnet.org/xsd/adlseq_v1p3",
  adlnav: "http://www.adlnet.org/xsd/adlnav_v1p3",
  imsss: "http://www.imsglobal.org/xsd/imsss",
};

const schemaLocation = [
  `${namespaces.imscp} imscp_v1p1.xsd`,
  `${namespaces.adlcp} adlcp_v1p3.xsd`,
  `${namespaces.adlseq} adlseq_v1p3.xsd`,
  `${namespaces.adlnav} adlnav_v1p3.xsd`,
  `${namespaces.imsss} imsss_v1p0.xsd`,
].join(" ");

/** Whether the module's quiz result counts toward the course (moveOn asks for Passed). */
function countsForSatisfaction(module: CourseModule): boolean {
  return module.moveOn === "Passed" || module.moveOn === "CompletedAndPassed" || module.moveOn === "CompletedOrPassed";
}

/** Whether the module's completion counts toward the course's. */
function countsForCompletion(module: CourseModule): boolean {
  return module.moveOn !== "Passed" && module.moveOn !== "NotApplicable";
}

function itemSequencing(module: CourseModule, index: number): string[] {
  const satisfied = countsForSatisfaction(module);
  const completed = countsForCompletion(module);
  const excluded = [satisfied ? "" : ` rollupObjectiveSatisfied="false"`, completed ? "" : ` rollupProgressCompletion="false"`].join("");
  const objectiveId = `PRIMARY-${String(index + 1).padStart(2, "0")}`;
  const objective =
    module.masteryScore === undefined
      ? [`          <imsss:primaryObjective objectiveID="${objectiveId}"/>`]
      : [
          // SN 4.2.1: the LMS itself judges the quiz's cmi.score.scaled against the mastery score.
          `          <imsss:primaryObjective objectiveID="${objectiveId}" satisfiedByMeasure="true">`,
          `            <imsss:minNormalizedMeasure>${module.masteryScore}</imsss:minNormalizedMeasure>`,
          `          </imsss:primaryObjective>`,
        ];
  return [
    `        <imsss:sequencing>`,
    ...(excluded ? [`          <imsss:rollupRules${excluded}/>`] : []),
    `          <imsss:objectives>`,
    ...objective.map((line) => `  ${line}`),
    `          </imsss:objectives>`,
    // The SCO reports completion and success itself; the LMS must not assume them on exit.
    `          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>`,
    `        </imsss:sequencing>`,
  ];
}

function rollupRule(childActivitySet: "all" | "any", conditions: string[], action: string): string[] {
  return [
    `          <imsss:rollupRule childActivitySet="${childActivitySet}">`,
    `            <imsss:rollupConditions conditionCombination="all">`,
    ...conditions.map((condition) => `              <imsss:rollupCondition ${condition}/>`),
    `            </imsss:rollupConditions>`,
    `            <imsss:rollupAction action="${action}"/>`,
    `          </imsss:rollupRule>`,
  ];
}

/** The root: free navigation, and a course that is satisfied and completed by its modules. */
function rootSequencing(): string[] {
  return [
    `      <imsss:sequencing>`,
    `        <imsss:controlMode choice="true" flow="true"/>`,
    `        <imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="true" objectiveMeasureWeight="1">`,
    ...rollupRule("all", [`condition="satisfied"`], "satisfied"),
    ...rollupRule("any", [`condition="objectiveStatusKnown"`, `operator="not" condition="satisfied"`], "notSatisfied"),
    ...rollupRule("all", [`condition="completed"`], "completed"),
    ...rollupRule("any", [`condition="attempted"`, `operator="not" condition="completed"`], "incomplete"),
    `        </imsss:rollupRules>`,
    `      </imsss:sequencing>`,
  ];
}

export function buildScorm2004Manifest(course: Course, files: PackageFiles, lang: string): string {
  const organization = xmlId("ORG", course.id);
  const items = course.modules.flatMap((module, index) => [
    `      <item identifier="${itemId(index)}" identifierref="${resourceId(index)}">`,
    `        <title>${titleIn(course, module.title, lang)}</title>`,
    ...itemSequencing(module, index),
    `      </item>`,
  ]);
  const resources = course.modules.flatMap((_, index) => [
    `    <resource identifier="${resourceId(index)}" type="webcontent" adlcp:scormType="sco" href="${escapeXml(files.pages[index]!)}">`,
    ...fileLines([files.pages[index]!], "      "),
    `      <dependency identifierref="${sharedResourceId}"/>`,
    `    </resource>`,
  ]);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<manifest identifier="${xmlId("MANIFEST", course.id)}" version="1"`,
    `  xmlns="${namespaces.imscp}"`,
    `  xmlns:adlcp="${namespaces.adlcp}"`,
    `  xmlns:adlseq="${namespaces.adlseq}"`,
    `  xmlns:adlnav="${namespaces.adlnav}"`,
    `  xmlns:imsss="${namespaces.imsss}"`,
    `  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
    `  xsi:schemaLocation="${schemaLocation}">`,
    `  <metadata>`,
    `    <schema>ADL SCORM</schema>`,
    `    <schemaversion>2004 4th Edition</schemaversion>`,
    `  </metadata>`,
    `  <organizations default="${organization}">`,
    `    <organization identifier="${organization}">`,
    `      <title>${titleIn(course, course.title, lang)}</title>`,
    ...items,
    ...rootSequencing(),
    `    </organization>`,
    `  </organizations>`,
    `  <resources>`,
    ...resources,
    `    <resource identifier="${sharedResourceId}" type="webcontent" adlcp:scormType="asset">`,
    ...fileLines(files.shared, "      "),
    `    </resource>`,
    `  </resources>`,
    `</manifest>`,
    ``,
  ].join("\n");
}
