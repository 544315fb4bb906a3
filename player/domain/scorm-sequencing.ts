// SCORM 2004 sequencing data (IMS SS imsss:sequencing plus ADL's adlseq extensions),
// parsed with the XSDs' defaults filled in, so an activity tree can be built from it
// without going back to the XML.
import { InvalidPackageError } from "../errors.js";
import { type XmlElement, attributeOf, childNamed, childrenNamed } from "./xml-tree.js";

export const imsssNamespace = "http://www.imsglobal.org/xsd/imsss";
export const adlseqNamespace = "http://www.adlnet.org/xsd/adlseq_v1p3";

export interface Sequencing {
  controlMode: ControlMode;
  sequencingRules: { pre: SequencingRule[]; exit: SequencingRule[]; post: SequencingRule[] };
  limitConditions: { attemptLimit: number | undefined; attemptAbsoluteDurationLimit: string | undefined };
  rollupRules: RollupRules;
  objectives: { primary: Objective | undefined; secondary: Objective[] };
  randomizationControls: RandomizationControls;
  deliveryControls: { tracked: boolean; completionSetByContent: boolean; objectiveSetByContent: boolean };
  constrainedChoiceConsiderations: { preventActivation: boolean; constrainChoice: boolean };
  rollupConsiderations: RollupConsiderations;
}

export interface ControlMode {
  choice: boolean;
  choiceExit: boolean;
  flow: boolean;
  forwardOnly: boolean;
  useCurrentAttemptObjectiveInfo: boolean;
  useCurrentAttemptProgressInfo: boolean;
}

export const sequencingConditions = [
  "satisfied", "objectiveStatusKnown", "objectiveMeasureKnown", "objectiveMeasureGreaterThan", "objectiveMeasureLessThan",
  "completed", "activityProgressKnown", "attempted", "attemptLimitExceeded", "timeLimitExceeded", "outsideAvailableTimeRange", "always",
] as const;
export type SequencingCondition = (typeof sequencingConditions)[number];
export const preConditionActions = ["skip", "disabled", "hiddenFromChoice", "stopForwardTraversal"] as const;
export const exitConditionActions = ["exit"] as const;
export const postConditionActions = ["exitParent", "exitAll", "retry", "retryAll", "continue", "previous"] as const;

export interface SequencingRule {
  conditionCombination: "all" | "any";
  conditions: { condition: SequencingCondition; operator: "noOp" | "not"; referencedObjective: string | undefined; measureThreshold: number | undefined }[];
  action: string;
}

export const rollupConditions = [
  "satisfied", "objectiveStatusKnown", "objectiveMeasureKnown", "completed", "activityProgressKnown", "attempted",
  "attemptLimitExceeded", "timeLimitExceeded", "outsideAvailableTimeRange",
] as const;
export type RollupCondition = (typeof rollupConditions)[number];
export const rollupActions = ["satisfied", "notSatisfied", "completed", "incomplete"] as const;
export const childActivitySets = ["all", "any", "none", "atLeastCount", "atLeastPercent"] as const;

export interface RollupRules {
  rollupObjectiveSatisfied: boolean;
  rollupProgressCompletion: boolean;
  objectiveMeasureWeight: number;
  rules: RollupRule[];
}

export interface RollupRule {
  childActivitySet: (typeof childActivitySets)[number];
  minimumCount: number;
  minimumPercent: number;
  conditionCombination: "all" | "any";
  conditions: { condition: RollupCondition; operator: "noOp" | "not" }[];
  action: (typeof rollupActions)[number];
}

export interface Objective {
  objectiveId: string | undefined;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number;
  mapInfo: {
    targetObjectiveId: string;
    readSatisfiedStatus: boolean;
    readNormalizedMeasure: boolean;
    writeSatisfiedStatus: boolean;
    writeNormalizedMeasure: boolean;
  }[];
}

export interface RandomizationControls {
  randomizationTiming: "never" | "once" | "onEachNewAttempt";
  selectCount: number | undefined;
  reorderChildren: boolean;
  selectionTiming: "never" | "once" | "onEachNewAttempt";
}

type RollupConsideration = "always" | "ifAttempted" | "ifNotSkipped" | "ifNotSuspended";
export interface RollupConsiderations {
  requiredForSatisfied: RollupConsideration;
  requiredForNotSatisfied: RollupConsideration;
  requiredForCompleted: RollupConsideration;
  requiredForIncomplete: RollupConsideration;
  measureSatisfactionIfActive: boolean;
}

const timings = ["never", "once", "onEachNewAttempt"] as const;
const considerations = ["always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"] as const;

/**
 * Parses one imsss:sequencing element. `base` is what an IDRef to the sequencing
 * collection brings: elements present here replace it, as IMS SS 3.3 describes.
 */
export function parseSequencing(element: XmlElement, file: string, base?: Sequencing): Sequencing {
  const at = new AttributeReader(file);
  const child = (name: string, namespace = imsssNamespace) => childNamed(element, name, namespace);
  const defaults = base ?? emptySequencing();

  const control = child("controlMode");
  const rules = child("sequencingRules");
  const limits = child("limitConditions");
  const rollup = child("rollupRules");
  const objectives = child("objectives");
  const random = child("randomizationControls");
  const delivery = child("deliveryControls");
  const constrained = child("constrainedChoiceConsiderations", adlseqNamespace);
  const considerationsElement = child("rollupConsiderations", adlseqNamespace);

  return {
    controlMode: control
      ? {
          choice: at.boolean(control, "choice", true),
          choiceExit: at.boolean(control, "choiceExit", true),
          flow: at.boolean(control, "flow", false),
          forwardOnly: at.boolean(control, "forwardOnly", false),
          useCurrentAttemptObjectiveInfo: at.boolean(control, "useCurrentAttemptObjectiveInfo", true),
          useCurrentAttemptProgressInfo: at.boolean(control, "useCurrentAttemptProgressInfo", true),
        }
      : defaults.controlMode,
    sequencingRules: rules
      ? {
          pre: childrenNamed(rules, "preConditionRule", imsssNamespace).map((r) => parseRule(r, at, preConditionActions)),
          exit: childrenNamed(rules, "exitConditionRule", imsssNamespace).map((r) => parseRule(r, at, exitConditionActions)),
          post: childrenNamed(rules, "postConditionRule", imsssNamespace).map((r) => parseRule(r, at, postConditionActions)),
        }
      : defaults.sequencingRules,
    limitConditions: limits
      ? { attemptLimit: at.optionalInteger(limits, "attemptLimit"), attemptAbsoluteDurationLimit: attributeOf(limits, "attemptAbsoluteDurationLimit") }
      : defaults.limitConditions,
    rollupRules: rollup
      ? {
          rollupObjectiveSatisfied: at.boolean(rollup, "rollupObjectiveSatisfied", true),
          rollupProgressCompletion: at.boolean(rollup, "rollupProgressCompletion", true),
          objectiveMeasureWeight: at.decimal(rollup, "objectiveMeasureWeight", 1, 0, 1),
          rules: childrenNamed(rollup, "rollupRule", imsssNamespace).map((r) => parseRollupRule(r, at)),
        }
      : defaults.rollupRules,
    objectives: objectives ? parseObjectives(objectives, at) : defaults.objectives,
    randomizationControls: random
      ? {
          randomizationTiming: at.oneOf(random, "randomizationTiming", timings, "never"),
          selectCount: at.optionalInteger(random, "selectCount"),
          reorderChildren: at.boolean(random, "reorderChildren", false),
          selectionTiming: at.oneOf(random, "selectionTiming", timings, "never"),
        }
      : defaults.randomizationControls,
    deliveryControls: delivery
      ? {
          tracked: at.boolean(delivery, "tracked", true),
          completionSetByContent: at.boolean(delivery, "completionSetByContent", false),
          objectiveSetByContent: at.boolean(delivery, "objectiveSetByContent", false),
        }
      : defaults.deliveryControls,
    constrainedChoiceConsiderations: constrained
      ? { preventActivation: at.boolean(constrained, "preventActivation", false), constrainChoice: at.boolean(constrained, "constrainChoice", false) }
      : defaults.constrainedChoiceConsiderations,
    rollupConsiderations: considerationsElement
      ? {
          requiredForSatisfied: at.oneOf(considerationsElement, "requiredForSatisfied", considerations, "always"),
          requiredForNotSatisfied: at.oneOf(considerationsElement, "requiredForNotSatisfied", considerations, "always"),
          requiredForCompleted: at.oneOf(considerationsElement, "requiredForCompleted", considerations, "always"),
          requiredForIncomplete: at.oneOf(considerationsElement, "requiredForIncomplete", considerations, "always"),
          measureSatisfactionIfActive: at.boolean(considerationsElement, "measureSatisfactionIfActive", true),
        }
      : defaults.rollupConsiderations,
  };
}

/** Sequencing with every XSD default: what an activity without imsss:sequencing gets. */
export function emptySequencing(): Sequencing {
  return {
    controlMode: { choice: true, choiceExit: true, flow: false, forwardOnly: false, useCurrentAttemptObjectiveInfo: true, useCurrentAttemptProgressInfo: true },
    sequencingRules: { pre: [], exit: [], post: [] },
    limitConditions: { attemptLimit: undefined, attemptAbsoluteDurationLimit: undefined },
    rollupRules: { rollupObjectiveSatisfied: true, rollupProgressCompletion: true, objectiveMeasureWeight: 1, rules: [] },
    objectives: { primary: undefined, secondary: [] },
    randomizationControls: { randomizationTiming: "never", selectCount: undefined, reorderChildren: false, selectionTiming: "never" },
    deliveryControls: { tracked: true, completionSetByContent: false, objectiveSetByContent: false },
    constrainedChoiceConsiderations: { preventActivation: false, constrainChoice: false },
    rollupConsiderations: {
      requiredForSatisfied: "always", requiredForNotSatisfied: "always", requiredForCompleted: "always", requiredForIncomplete: "always",
      measureSatisfactionIfActive: true,
    },
  };
}

function parseRule(element: XmlElement, at: AttributeReader, actions: readonly string[]): SequencingRule {
  const conditions = childNamed(element, "ruleConditions", imsssNamespace);
  const action = childNamed(element, "ruleAction", imsssNamespace);
  if (!conditions) throw at.error(element, "needs imsss:ruleConditions");
  if (!action) throw at.error(element, "needs imsss:ruleAction");
  return {
    conditionCombination: at.oneOf(conditions, "conditionCombination", ["all", "any"] as const, "all"),
    conditions: childrenNamed(conditions, "ruleCondition", imsssNamespace).map((c) => ({
      condition: at.oneOf(c, "condition", sequencingConditions, undefined),
      operator: at.oneOf(c, "operator", ["noOp", "not"] as const, "noOp"),
      referencedObjective: attributeOf(c, "referencedObjective"),
      measureThreshold: attributeOf(c, "measureThreshold") === undefined ? undefined : at.decimal(c, "measureThreshold", 0, -1, 1),
    })),
    action: at.oneOf(action, "action", actions, undefined),
  };
}

function parseRollupRule(element: XmlElement, at: AttributeReader): RollupRule {
  const conditions = childNamed(element, "rollupConditions", imsssNamespace);
  const action = childNamed(element, "rollupAction", imsssNamespace);
  if (!conditions) throw at.error(element, "needs imsss:rollupConditions");
  if (!action) throw at.error(element, "needs imsss:rollupAction");
  return {
    childActivitySet: at.oneOf(element, "childActivitySet", childActivitySets, "all"),
    minimumCount: at.optionalInteger(element, "minimumCount") ?? 0,
    minimumPercent: at.decimal(element, "minimumPercent", 0, 0, 1),
    conditionCombination: at.oneOf(conditions, "conditionCombination", ["all", "any"] as const, "any"),
    conditions: childrenNamed(conditions, "rollupCondition", imsssNamespace).map((c) => ({
      condition: at.oneOf(c, "condition", rollupConditions, undefined),
      operator: at.oneOf(c, "operator", ["noOp", "not"] as const, "noOp"),
    })),
    action: at.oneOf(action, "action", rollupActions, undefined),
  };
}

function parseObjectives(element: XmlElement, at: AttributeReader): Sequencing["objectives"] {
  const parse = (objective: XmlElement, primary: boolean): Objective => {
    const objectiveId = attributeOf(objective, "objectiveID");
    if (!primary && !objectiveId) throw at.error(objective, "needs @objectiveID");
    const measure = childNamed(objective, "minNormalizedMeasure", imsssNamespace);
    const minNormalizedMeasure = measure ? Number(measure.text) : 1;
    if (!Number.isFinite(minNormalizedMeasure) || minNormalizedMeasure < -1 || minNormalizedMeasure > 1) {
      throw at.error(measure ?? objective, "minNormalizedMeasure must be a decimal from -1 to 1");
    }
    return {
      objectiveId,
      satisfiedByMeasure: at.boolean(objective, "satisfiedByMeasure", false),
      minNormalizedMeasure,
      mapInfo: childrenNamed(objective, "mapInfo", imsssNamespace).map((map) => {
        const targetObjectiveId = attributeOf(map, "targetObjectiveID");
        if (!targetObjectiveId) throw at.error(map, "needs @targetObjectiveID");
        return {
          targetObjectiveId,
          readSatisfiedStatus: at.boolean(map, "readSatisfiedStatus", true),
          readNormalizedMeasure: at.boolean(map, "readNormalizedMeasure", true),
          writeSatisfiedStatus: at.boolean(map, "writeSatisfiedStatus", false),
          writeNormalizedMeasure: at.boolean(map, "writeNormalizedMeasure", false),
        };
      }),
    };
  };
  const primaries = childrenNamed(element, "primaryObjective", imsssNamespace);
  if (primaries.length !== 1) throw at.error(element, "needs exactly one imsss:primaryObjective");
  return { primary: parse(primaries[0]!, true), secondary: childrenNamed(element, "objective", imsssNamespace).map((o) => parse(o, false)) };
}

/** Reads typed attribute values, with the XSD's default when absent and an error naming the attribute when wrong. */
export class AttributeReader {
  constructor(private readonly file: string) {}

  error(element: XmlElement, problem: string): InvalidPackageError {
    return new InvalidPackageError(`${this.file}: ${element.path}: ${problem}`);
  }

  boolean(element: XmlElement, name: string, fallback: boolean, namespace = ""): boolean {
    const value = attributeOf(element, name, namespace);
    if (value === undefined) return fallback;
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw this.error(element, `@${name} must be true or false, got "${value}"`);
  }

  decimal(element: XmlElement, name: string, fallback: number, min: number, max: number): number {
    const value = attributeOf(element, name);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number) || number < min || number > max) {
      throw this.error(element, `@${name} must be a decimal from ${min} to ${max}, got "${value}"`);
    }
    return number;
  }

  optionalInteger(element: XmlElement, name: string): number | undefined {
    const value = attributeOf(element, name);
    if (value === undefined) return undefined;
    if (!/^\+?\d+$/.test(value)) throw this.error(element, `@${name} must be a non-negative integer, got "${value}"`);
    return Number(value);
  }

  oneOf<T extends string>(element: XmlElement, name: string, allowed: readonly T[], fallback: T | undefined): T {
    const value = attributeOf(element, name);
    if (value === undefined) {
      if (fallback === undefined) throw this.error(element, `@${name} is required`);
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(value)) throw this.error(element, `@${name} must be one of ${allowed.join(", ")}, got "${value}"`);
    return value as T;
  }
}
