// Progress of an xAPI (TinCan) package, read from its statements: an activity of tincan.xml is
// completed, passed or failed when the registration holds such a statement about it. There is
// no moveOn in tincan.xml, so "done" is completed and, where a result was judged, passed.
import type { LanguageMap } from "./cmi5-structure.js";
import type { XapiPackage } from "./content-package.js";

export const outcomeVerbs = {
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
} as const;

export interface XapiActivityProgress {
  id: string;
  name: LanguageMap;
  launchable: boolean;
  completed: boolean;
  passed: boolean;
  failed: boolean;
}

/** `outcomes`: verb id and object id of the registration's completed, passed and failed statements. */
export function summarizeXapiActivities(pkg: XapiPackage, outcomes: readonly { verb: string; objectId: string }[]): XapiActivityProgress[] {
  const has = (verb: string, id: string) => outcomes.some((o) => o.verb === verb && o.objectId === id);
  return pkg.activities.map((activity) => ({
    id: activity.id,
    name: activity.name,
    launchable: activity.launch !== undefined,
    completed: has(outcomeVerbs.completed, activity.id),
    passed: has(outcomeVerbs.passed, activity.id),
    // Failed then passed on a retry is passed.
    failed: has(outcomeVerbs.failed, activity.id) && !has(outcomeVerbs.passed, activity.id),
  }));
}
