// A licensing body's credit policy as data: read from YAML, checked against the JSON Schema
// editors use (player/schema/credit-policy.schema.json), every problem named by file:line:col.
import { Ajv, type ErrorObject } from "ajv";
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from "yaml";
import schema from "../schema/credit-policy.schema.json" with { type: "json" };
import { PlayerError } from "../errors.js";

/** The legacy one-word rule; still accepted, read as `completion: { satisfied: true }`. */
export type CreditRule = "cmi5-course-satisfied";

export type ContentFormat = "cmi5" | "scorm12" | "scorm2004" | "xapi";
export type Repeats = "once-ever" | "once-per-period" | "each";
export type MoveOn = "Completed" | "Passed" | "CompletedAndPassed" | "CompletedOrPassed" | "NotApplicable";
export type ScormOutcome = "completed" | "passed" | "completed-and-passed" | "completed-or-passed";

/** What a learner must have done in a programme; rules combine with allOf / anyOf. */
export type CompletionRule =
  | { satisfied: true }
  | { moveOn: MoveOn }
  | { scorm: ScormOutcome }
  | { minScore: number }
  | { watchedShare: number }
  | { minMinutes: number }
  | { allOf: CompletionRule[] }
  | { anyOf: CompletionRule[] };

export interface CoursePolicy {
  /** The course id (cmi5 course/@id, SCORM manifest identifier). */
  course: string;
  programme: string;
  programmeNumber: string | undefined;
  /** A participant's points. */
  points: number;
  pointsByRole: { author?: number; trainer?: number };
  /** Kept for the certificate: the legacy name of the rule (always this value today). */
  rule: CreditRule;
  completion: CompletionRule;
  validityYears: number;
  category: string | undefined;
  /** Accreditation dates (YYYY-MM-DD, inclusive); a completion outside them earns nothing. */
  validFrom: string | undefined;
  validTo: string | undefined;
  /** Package formats that count; undefined means every format. */
  formats: ContentFormat[] | undefined;
  repeats: Repeats;
}

export interface CreditCategory {
  id: string;
  name: string;
  maxPointsPerPeriod: number | undefined;
  maxPointsPerYear: number | undefined;
}

export interface LicenceRules {
  periodYears: number;
  pointsPerPeriod: number | undefined;
  pointsPerYear: number | undefined;
  proRataForLeave: boolean;
}

export interface PolicyAssumption {
  field: string;
  note: string;
}

export interface CreditPolicy {
  licensingBody: string;
  rulebooks: string[];
  licence: LicenceRules;
  categories: CreditCategory[];
  assumptions: PolicyAssumption[];
  courses: CoursePolicy[];
}

export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

/** A policy that does not follow the schema; every problem at once, each with its position. */
export class CreditPolicyError extends PlayerError {
  constructor(readonly problems: PolicyProblem[]) {
    super("validation_failed", problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`).join("\n"));
  }
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validateSchema = ajv.compile(schema);

/** Reads a policy file's text; errors name `file:line:col`. */
export function readCreditPolicy(text: string, file: string): CreditPolicy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length) {
    throw new CreditPolicyError(doc.errors.map((e) => ({ file, ...lineCol(at(e.pos[0])), field: "(yaml)", message: e.message.split("\n")[0] ?? e.message })));
  }
  return checkPolicy(doc.toJS(), (field, pointer) => ({ file, ...lineCol(at(offsetOf(doc, pointer))), field }));
}

/** Turns an already parsed policy (e.g. a literal in a test) into a CreditPolicy, naming the field of any problem. */
export function parseCreditPolicy(input: unknown): CreditPolicy {
  return checkPolicy(input, (field) => ({ file: "policy", line: 0, column: 0, field }));
}

type Locate = (field: string, pointer: string[]) => Omit<PolicyProblem, "message">;

function checkPolicy(input: unknown, locate: Locate): CreditPolicy {
  if (!validateSchema(input)) {
    throw new CreditPolicyError((validateSchema.errors ?? []).map((e) => problemOf(e, locate)));
  }
  const raw = input as unknown as RawPolicy;
  const problems: PolicyProblem[] = [];
  const categoryIds = new Set((raw.categories ?? []).map((c) => c.id));
  const defaultRepeats = raw.repeats ?? "once-ever";
  const courses = raw.courses.map((entry, index): CoursePolicy => {
    if (entry.category !== undefined && !categoryIds.has(entry.category)) {
      problems.push({ ...locate(`courses[${index}].category`, ["courses", String(index), "category"]), message: `must be one of the categories (${[...categoryIds].join(", ") || "none defined"})` });
    }
    if (entry.validFrom && entry.validTo && entry.validTo < entry.validFrom) {
      problems.push({ ...locate(`courses[${index}].validTo`, ["courses", String(index), "validTo"]), message: "must not be before validFrom" });
    }
    if (entry.rule !== undefined && entry.completion !== undefined) {
      problems.push({ ...locate(`courses[${index}].rule`, ["courses", String(index), "rule"]), message: "give either rule or completion, not both" });
    }
    return {
      course: entry.course,
      programme: entry.programme,
      programmeNumber: entry.programmeNumber,
      points: entry.points,
      pointsByRole: entry.pointsByRole ?? {},
      rule: "cmi5-course-satisfied",
      completion: entry.completion ?? { satisfied: true },
      validityYears: entry.validityYears,
      category: entry.category,
      validFrom: entry.validFrom,
      validTo: entry.validTo,
      formats: entry.formats,
      repeats: entry.repeats ?? defaultRepeats,
    };
  });
  const seen = new Set<string>();
  raw.courses.forEach((entry, index) => {
    if (seen.has(entry.course)) problems.push({ ...locate(`courses[${index}].course`, ["courses", String(index), "course"]), message: "appears twice; one entry per course" });
    seen.add(entry.course);
  });
  (raw.assumptions ?? []).forEach((assumption, index) => {
    if (!fieldExists(input, assumption.field)) {
      problems.push({ ...locate(`assumptions[${index}].field`, ["assumptions", String(index), "field"]), message: `names no field of this policy (${assumption.field})` });
    }
  });
  if (problems.length) throw new CreditPolicyError(problems);
  return {
    licensingBody: raw.licensingBody,
    rulebooks: raw.rulebooks ?? [],
    licence: {
      periodYears: raw.licence?.periodYears ?? 1,
      pointsPerPeriod: raw.licence?.pointsPerPeriod,
      pointsPerYear: raw.licence?.pointsPerYear,
      proRataForLeave: raw.licence?.proRataForLeave ?? false,
    },
    categories: (raw.categories ?? []).map((c) => ({ id: c.id, name: c.name, maxPointsPerPeriod: c.maxPointsPerPeriod, maxPointsPerYear: c.maxPointsPerYear })),
    assumptions: raw.assumptions ?? [],
    courses,
  };
}

/** The shape the schema guarantees. */
interface RawPolicy {
  licensingBody: string;
  rulebooks?: string[];
  licence?: { periodYears: number; pointsPerPeriod?: number; pointsPerYear?: number; proRataForLeave?: boolean };
  repeats?: Repeats;
  categories?: { id: string; name: string; maxPointsPerPeriod?: number; maxPointsPerYear?: number }[];
  assumptions?: PolicyAssumption[];
  courses: {
    course: string; programme: string; programmeNumber?: string; points: number; pointsByRole?: { author?: number; trainer?: number };
    validityYears: number; category?: string; validFrom?: string; validTo?: string; formats?: ContentFormat[];
    rule?: CreditRule; completion?: CompletionRule; repeats?: Repeats;
  }[];
}

function problemOf(error: ErrorObject, locate: Locate): PolicyProblem {
  const pointer = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  // An unknown key is named by itself, so the position is the key's line.
  const extra = error.keyword === "additionalProperties" ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
  const target = extra === undefined ? pointer : [...pointer, extra];
  const field = fieldName(target) || "(document)";
  const message = extra !== undefined
    ? "unknown field"
    : error.keyword === "required"
      ? `needs ${String((error.params as { missingProperty: string }).missingProperty)}`
      : error.keyword === "enum"
        ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
        : (error.message ?? error.keyword);
  return { ...locate(field, target), message };
}

function fieldName(pointer: string[]): string {
  return pointer.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

/** The source offset of the node at a JSON pointer, falling back to its nearest existing parent. */
function offsetOf(doc: Document, pointer: string[]): number {
  for (let length = pointer.length; length >= 0; length--) {
    const path = pointer.slice(0, length).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = length === 0 ? doc.contents : (doc.getIn(path, true) as Node | undefined);
    if (length === pointer.length && length > 0) {
      // For a key that exists, point at the key (an unknown field, a wrong value's line).
      const parent = length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as Node | undefined);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1)));
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      }
    }
    if (node && (node as Node).range) return (node as Node).range![0];
  }
  return 0;
}

function lineCol(pos: { line: number; col: number }): { line: number; column: number } {
  return { line: pos.line, column: pos.col };
}

function fieldExists(input: unknown, field: string): boolean {
  let value: unknown = input;
  for (const part of field.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (typeof value !== "object" || value === null || !(part in value)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return true;
}

/** No licensing body: no course earns credit (a player mounted without a policy). */
export const emptyCreditPolicy: CreditPolicy = {
  licensingBody: "",
  rulebooks: [],
  licence: { periodYears: 1, pointsPerPeriod: undefined, pointsPerYear: undefined, proRataForLeave: false },
  categories: [],
  assumptions: [],
  courses: [],
};
