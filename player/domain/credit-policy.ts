import { ValidationError } from "../errors.js";

/** How a course earns credit. Only cmi5 course satisfaction exists today; the union is where new rules go. */
export type CreditRule = "cmi5-course-satisfied";

export interface CoursePolicy {
  /** The course publisher id (cmi5.xml course/@id). */
  course: string;
  points: number;
  rule: CreditRule;
  validityYears: number;
  programme: string;
}

export interface CreditPolicy {
  licensingBody: string;
  courses: CoursePolicy[];
}

/** Turns the parsed policy file into a CreditPolicy, naming the field of any problem. */
export function parseCreditPolicy(input: unknown): CreditPolicy {
  const root = asObject(input, "policy");
  const licensingBody = asString(root.licensingBody, "licensingBody");
  if (!Array.isArray(root.courses)) throw new ValidationError("courses", "must be a list");
  const courses = root.courses.map((entry: unknown, index: number): CoursePolicy => {
    const path = `courses[${index}]`;
    const course = asObject(entry, path);
    const points = course.points;
    if (typeof points !== "number" || !(points > 0)) throw new ValidationError(`${path}.points`, "must be a positive number");
    const validityYears = course.validityYears;
    if (typeof validityYears !== "number" || !Number.isInteger(validityYears) || validityYears < 1) {
      throw new ValidationError(`${path}.validityYears`, "must be a whole number of years, at least 1");
    }
    const rule = course.rule ?? "cmi5-course-satisfied";
    if (rule !== "cmi5-course-satisfied") throw new ValidationError(`${path}.rule`, 'must be "cmi5-course-satisfied"');
    return { course: asString(course.course, `${path}.course`), points, rule, validityYears, programme: asString(course.programme, `${path}.programme`) };
  });
  return { licensingBody, courses };
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ValidationError(path, "must be a mapping");
  return value as Record<string, unknown>;
}

function asString(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new ValidationError(path, "must be a non-empty string");
  return value;
}
