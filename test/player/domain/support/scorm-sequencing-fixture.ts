// Small SCORM 2004 4th ed. manifests for the sequencing tests: an organization written as XML
// in the test, wrapped in a manifest whose resources are made up for every identifierref,
// parsed by the player's own manifest parser and turned into an activity tree.
import { parseScormManifest } from "../../../../player/domain/scorm-manifest.js";
import { type Activity, buildActivityTree } from "../../../../player/domain/scorm-navigation.js";
import { type SequencingContext } from "../../../../player/domain/scorm-sequencer.js";
import { type AttemptRecord, type ObjectiveState, trackActivities } from "../../../../player/domain/scorm-tracking.js";
import type { CmiSummary } from "../../../../player/domain/scorm-cmi.js";

export function manifestXml(organization: string, objectivesGlobalToSystem = true): string {
  const refs = [...new Set([...organization.matchAll(/identifierref="([^"]+)"/g)].map((m) => m[1]!))];
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test-manifest" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org" adlseq:objectivesGlobalToSystem="${objectivesGlobalToSystem}"><title>Kurs</title>${organization}</organization>
  </organizations>
  <resources>${refs.map((r) => `<resource identifier="${r}" type="webcontent" adlcp:scormType="sco" href="${r}.html"/>`).join("")}</resources>
</manifest>`;
}

/** A leaf item launching its own resource, with optional sequencing XML inside. */
export function sco(id: string, sequencing = ""): string {
  return `<item identifier="${id}" identifierref="r-${id}"><title>${id}</title>${sequencing}</item>`;
}

export function cluster(id: string, children: string, sequencing = ""): string {
  return `<item identifier="${id}"><title>${id}</title>${children}${sequencing}</item>`;
}

export function treeOf(organization: string): Activity {
  return buildActivityTree(parseScormManifest(manifestXml(organization)));
}

type Reported = Partial<Omit<CmiSummary, "sessionSeconds">> & { objectives?: Record<string, Partial<ObjectiveState>> };

/** One attempt as stored: a summary (undefined: never reported) and cmi.objectives. */
export function attempt(reported: Reported | undefined): AttemptRecord {
  if (!reported) return { summary: undefined, objectives: new Map() };
  const { objectives = {}, ...summary } = reported;
  return {
    summary: { completionStatus: "unknown", successStatus: "unknown", scoreScaled: undefined, scoreRaw: undefined, location: "", suspendData: "", exit: "", ...summary },
    objectives: new Map(Object.entries(objectives).map(([id, o]) => [id, { satisfied: undefined, measure: undefined, ...o }])),
  };
}

/** The sequencing context of a learner whose SCOs have the given attempts. */
export function contextOf(root: Activity, attempts: Record<string, AttemptRecord[]>, current?: string, globals: Record<string, Partial<ObjectiveState>> = {}): SequencingContext {
  const globalMap = new Map(Object.entries(globals).map(([id, o]) => [id, { satisfied: undefined, measure: undefined, ...o }]));
  return { root, states: trackActivities(root, (id) => attempts[id] ?? [], globalMap), current };
}

export const flowAndChoice = `<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>`;

/** imsss:sequencing with control modes and rules, written the way manifests write them. */
export function sequencing(parts: { controlMode?: string; rules?: string; limit?: string; objectives?: string; rollup?: string; random?: string; constrained?: string; considerations?: string }): string {
  return `<imsss:sequencing>
    <imsss:controlMode ${parts.controlMode ?? 'choice="true" flow="true"'}/>
    ${parts.rules ? `<imsss:sequencingRules>${parts.rules}</imsss:sequencingRules>` : ""}
    ${parts.limit ? `<imsss:limitConditions ${parts.limit}/>` : ""}
    ${parts.rollup ?? ""}
    ${parts.objectives ? `<imsss:objectives>${parts.objectives}</imsss:objectives>` : ""}
    ${parts.random ? `<imsss:randomizationControls ${parts.random}/>` : ""}
    ${parts.constrained ? `<adlseq:constrainedChoiceConsiderations ${parts.constrained}/>` : ""}
    ${parts.considerations ? `<adlseq:rollupConsiderations ${parts.considerations}/>` : ""}
  </imsss:sequencing>`;
}

/** One rule: `pre`, `exit` or `post`, its conditions as [condition, extra attributes], and its action. */
export function rule(kind: "pre" | "exit" | "post", action: string, conditions: [string, string?][], combination: "all" | "any" = "all"): string {
  const element = { pre: "preConditionRule", exit: "exitConditionRule", post: "postConditionRule" }[kind];
  const conditionXml = conditions.map(([condition, extra = ""]) => `<imsss:ruleCondition condition="${condition}" ${extra}/>`).join("");
  return `<imsss:${element}><imsss:ruleConditions conditionCombination="${combination}">${conditionXml}</imsss:ruleConditions><imsss:ruleAction action="${action}"/></imsss:${element}>`;
}
