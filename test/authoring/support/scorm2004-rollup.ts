// A small SCORM 2004 4th Ed. rollup evaluator (SN book 4.6) for the part of sequencing our
// manifests use, so a test can ask what an LMS would conclude about the course from the
// state of its modules, instead of only reading the XML back:
// - a leaf whose primary objective is satisfiedByMeasure is satisfied when its measure
//   (cmi.score.scaled) reaches minNormalizedMeasure, not satisfied below, unknown without one;
// - rollup rules count only the contributing children (rollupObjectiveSatisfied /
//   rollupProgressCompletion); an empty set never fires;
// - notSatisfied / incomplete rules are applied first, then satisfied / completed win.
// Conditions are two-valued here (unknown counts as false), which is exact for the rules we
// write because each "not satisfied" is guarded by "objectiveStatusKnown".
import { XMLParser } from "fast-xml-parser";

type Xml = Record<string, any>;

export interface ModuleState {
  attempted: boolean;
  completed: boolean;
  /** cmi.score.scaled, if the quiz was taken. */
  measure?: number;
}

export interface RolledUp {
  satisfied: boolean | undefined;
  completed: boolean | undefined;
}

interface Rule {
  childActivitySet: string;
  combination: string;
  conditions: { condition: string; negate: boolean }[];
  action: string;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function rollupCourse(manifestXml: string, modules: readonly ModuleState[]): RolledUp {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  const organization = (parser.parse(manifestXml) as Xml).manifest.organizations.organization as Xml;
  const items = list<Xml>(organization.item);
  if (items.length !== modules.length) throw new Error(`${items.length} items, ${modules.length} module states`);
  const children = items.map((item, index) => {
    const sequencing = item["imsss:sequencing"] ?? {};
    const own = sequencing["imsss:rollupRules"] ?? {};
    const objective = sequencing["imsss:objectives"]?.["imsss:primaryObjective"] ?? {};
    const state = modules[index]!;
    const byMeasure = objective["@satisfiedByMeasure"] === "true";
    const min = Number(objective["imsss:minNormalizedMeasure"] ?? 1);
    const satisfied = byMeasure && state.measure !== undefined ? state.measure >= min : undefined;
    return {
      countsForSatisfied: own["@rollupObjectiveSatisfied"] !== "false",
      countsForCompleted: own["@rollupProgressCompletion"] !== "false",
      holds: (condition: string): boolean => {
        switch (condition) {
          case "satisfied":
            return satisfied === true;
          case "objectiveStatusKnown":
            return satisfied !== undefined;
          case "completed":
            return state.completed;
          case "attempted":
            return state.attempted;
          default:
            throw new Error(`rollup condition ${condition} is outside this evaluator`);
        }
      },
    };
  });
  const rules: Rule[] = list<Xml>(organization["imsss:sequencing"]?.["imsss:rollupRules"]?.["imsss:rollupRule"]).map((rule) => ({
    childActivitySet: rule["@childActivitySet"] ?? "all",
    combination: rule["imsss:rollupConditions"]?.["@conditionCombination"] ?? "any",
    conditions: list<Xml>(rule["imsss:rollupConditions"]?.["imsss:rollupCondition"]).map((c) => ({ condition: c["@condition"], negate: c["@operator"] === "not" })),
    action: rule["imsss:rollupAction"]["@action"],
  }));

  const fires = (action: string): boolean =>
    rules
      .filter((rule) => rule.action === action)
      .some((rule) => {
        const contributing = children.filter((child) => (action === "satisfied" || action === "notSatisfied" ? child.countsForSatisfied : child.countsForCompleted));
        if (contributing.length === 0) return false;
        const matches = contributing.map((child) => {
          const results = rule.conditions.map(({ condition, negate }) => child.holds(condition) !== negate);
          return rule.combination === "all" ? results.every(Boolean) : results.some(Boolean);
        });
        if (rule.childActivitySet === "all") return matches.every(Boolean);
        if (rule.childActivitySet === "any") return matches.some(Boolean);
        throw new Error(`childActivitySet ${rule.childActivitySet} is outside this evaluator`);
      });

  let satisfied: boolean | undefined;
  if (fires("notSatisfied")) satisfied = false;
  if (fires("satisfied")) satisfied = true;
  let completed: boolean | undefined;
  if (fires("incomplete")) completed = false;
  if (fires("completed")) completed = true;
  return { satisfied, completed };
}
