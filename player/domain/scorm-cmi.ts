// The LMS side of the SCORM run-time data model: what the player reads from a SCO's
// committed CMI data, what it gives a SCO at launch, and when a launch resumes.
// SCORM 1.2 RTE 3.4 (cmi.core.*) and SCORM 2004 4th ed. RTE 4.2 (cmi.*).
import type { ScormItem } from "./content-package.js";
import { attemptRecords } from "./scorm-attempt-records.js";

export type ScormVersion = "scorm12" | "scorm2004";

/** What the player keeps of a SCO's CMI data besides the data itself. */
export interface CmiSummary {
  /** 2004 cmi.completion_status; for 1.2 derived from cmi.core.lesson_status. */
  completionStatus: "completed" | "incomplete" | "not attempted" | "unknown";
  /** 2004 cmi.success_status; for 1.2 passed/failed from lesson_status. */
  successStatus: "passed" | "failed" | "unknown";
  /** 2004 cmi.score.scaled, or 1.2 raw/max scaled to 0..1 when both are there. */
  scoreScaled: number | undefined;
  scoreRaw: number | undefined;
  location: string;
  suspendData: string;
  /** cmi.core.exit / cmi.exit as last set: "suspend" makes the next launch a resume. */
  exit: string;
  /** The session time the SCO reported, in seconds (0 when it reported none). */
  sessionSeconds: number;
}

/** Reads the summary out of a CMI object as scorm-again serialises it (`{ core: {...}, suspend_data, ... }` or 2004's flat `cmi`). */
export function summarizeCmi(version: ScormVersion, cmi: Record<string, unknown>): CmiSummary {
  if (version === "scorm12") {
    const core = asRecord(cmi.core);
    const status = text(core.lesson_status);
    const score = asRecord(core.score);
    const raw = decimal(score.raw);
    const max = decimal(score.max) ?? 100;
    const min = decimal(score.min) ?? 0;
    return {
      completionStatus: status === "completed" || status === "passed" || status === "failed" ? "completed" : status === "incomplete" || status === "browsed" ? "incomplete" : status === "not attempted" ? "not attempted" : "unknown",
      successStatus: status === "passed" || status === "failed" ? status : "unknown",
      scoreScaled: raw === undefined || max <= min ? undefined : (raw - min) / (max - min),
      scoreRaw: raw,
      location: text(core.lesson_location),
      suspendData: text(cmi.suspend_data),
      exit: text(core.exit),
      sessionSeconds: parseCmiTimespan(text(core.session_time)) ?? 0,
    };
  }
  const completion = text(cmi.completion_status);
  const success = text(cmi.success_status);
  const score = asRecord(cmi.score);
  return {
    completionStatus: completion === "completed" || completion === "incomplete" || completion === "not attempted" ? completion : "unknown",
    successStatus: success === "passed" || success === "failed" ? success : "unknown",
    scoreScaled: decimal(score.scaled),
    scoreRaw: decimal(score.raw),
    location: text(cmi.location),
    suspendData: text(cmi.suspend_data),
    exit: text(cmi.exit),
    sessionSeconds: parseIsoDuration(text(cmi.session_time)) ?? 0,
  };
}

const lessonStatuses = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted", ""];
const limits = { scorm12: { location: 255, suspendData: 4096 }, scorm2004: { location: 1000, suspendData: 64000 } } as const;

/**
 * Checks the parts of committed CMI data the player relies on, naming the element that is
 * wrong: types, vocabularies and the SPM lengths of location and suspend data. The rest is
 * kept as the SCO wrote it (scorm-again has already enforced the data model in the browser).
 */
export function checkCmi(version: ScormVersion, cmi: Record<string, unknown>): { field: string; message: string } | undefined {
  const problems: [string, unknown, (value: string) => string | undefined][] = [];
  const limit = limits[version];
  const maxLength = (n: number) => (value: string) => (value.length > n ? `must be at most ${n} characters` : undefined);
  if (version === "scorm12") {
    if (cmi.core !== undefined && asRecord(cmi.core) !== cmi.core) return { field: "cmi.core", message: "must be an object" };
    const core = asRecord(cmi.core);
    problems.push(
      ["cmi.core.lesson_status", core.lesson_status, (v) => (lessonStatuses.includes(v) ? undefined : `must be one of ${lessonStatuses.filter(Boolean).join(", ")}`)],
      ["cmi.core.lesson_location", core.lesson_location, maxLength(limit.location)],
      ["cmi.core.exit", core.exit, (v) => (["", "time-out", "suspend", "logout"].includes(v) ? undefined : "must be time-out, suspend, logout or empty")],
      ["cmi.core.session_time", core.session_time, (v) => (v === "" || parseCmiTimespan(v) !== undefined ? undefined : "must be a CMITimespan (HHHH:MM:SS.SS)")],
      ["cmi.suspend_data", cmi.suspend_data, maxLength(limit.suspendData)],
    );
  } else {
    problems.push(
      ["cmi.completion_status", cmi.completion_status, (v) => (["completed", "incomplete", "not attempted", "unknown", ""].includes(v) ? undefined : "must be completed, incomplete, not attempted or unknown")],
      ["cmi.success_status", cmi.success_status, (v) => (["passed", "failed", "unknown", ""].includes(v) ? undefined : "must be passed, failed or unknown")],
      ["cmi.location", cmi.location, maxLength(limit.location)],
      ["cmi.exit", cmi.exit, (v) => (["", "time-out", "suspend", "logout", "normal"].includes(v) ? undefined : "must be time-out, suspend, logout, normal or empty")],
      ["cmi.session_time", cmi.session_time, (v) => (v === "" || parseIsoDuration(v) !== undefined ? undefined : "must be an ISO 8601 duration (timeinterval)")],
      ["cmi.suspend_data", cmi.suspend_data, maxLength(limit.suspendData)],
      ["cmi.score.scaled", asRecord(cmi.score).scaled, (v) => (v === "" || (Number.isFinite(Number(v)) && Number(v) >= -1 && Number(v) <= 1) ? undefined : "must be a decimal from -1 to 1")],
    );
  }
  for (const [field, value, check] of problems) {
    if (value === undefined) continue;
    if (typeof value !== "string") return { field, message: "must be a string" };
    const message = check(value);
    if (message) return { field, message };
  }
  return undefined;
}

/** RTE: a launch resumes the learner's attempt only when the SCO last exited with "suspend". */
export function resumesAttempt(lastExit: string | undefined): boolean {
  return lastExit === "suspend";
}

export interface LaunchFacts {
  learnerId: string;
  learnerName: string;
  item: ScormItem;
  /** The attempt's data so far when the launch takes it up again (resume, review): its summary, time and committed CMI data. */
  resumed: { summary: CmiSummary; totalSeconds: number; cmi?: Record<string, unknown> } | undefined;
  /** Normal, or browse/review (1.2 cmi.core.lesson_mode, 2004 cmi.mode). */
  mode: "normal" | "browse" | "review";
}

/**
 * The CMI data a SCO finds at launch, for scorm-again's loadFromJSON: who the learner is,
 * what the manifest says about the item, and on resume entry=resume with location,
 * suspend data, statuses and the total time of the attempt's earlier sessions.
 */
export function initialCmi(version: ScormVersion, facts: LaunchFacts): Record<string, unknown> {
  const { item, resumed } = facts;
  // RTE: browse and review are not for credit.
  const credit = facts.mode === "normal" ? "credit" : "no-credit";
  // A review shows an attempt that is over: neither its start nor its resumption.
  const entry = facts.mode === "review" ? "" : resumed ? "resume" : "ab-initio";
  const records = attemptRecords(resumed?.cmi);
  if (version === "scorm12") {
    const lessonStatus = resumed ? lessonStatusOf(resumed.summary) : "not attempted";
    return {
      core: {
        student_id: facts.learnerId,
        student_name: facts.learnerName,
        credit,
        entry,
        lesson_mode: facts.mode,
        lesson_status: lessonStatus,
        lesson_location: resumed?.summary.location ?? "",
        total_time: formatCmiTimespan(resumed?.totalSeconds ?? 0),
        ...(resumed?.summary.scoreRaw === undefined ? {} : { score: { raw: String(resumed.summary.scoreRaw) } }),
      },
      suspend_data: resumed?.summary.suspendData ?? "",
      launch_data: item.dataFromLms ?? "",
      ...records,
      student_data: {
        mastery_score: item.masteryScore === undefined ? "" : String(item.masteryScore),
        max_time_allowed: item.maxTimeAllowed ?? "",
        time_limit_action: item.timeLimitAction ?? "",
      },
    };
  }
  const primary = item.sequencing?.objectives.primary;
  const scaledPassingScore = primary?.satisfiedByMeasure ? primary.minNormalizedMeasure : undefined;
  return {
    learner_id: facts.learnerId,
    learner_name: facts.learnerName,
    credit,
    mode: facts.mode,
    entry,
    location: resumed?.summary.location ?? "",
    suspend_data: resumed?.summary.suspendData ?? "",
    total_time: formatIsoDuration(resumed?.totalSeconds ?? 0),
    launch_data: item.dataFromLms ?? "",
    ...records,
    ...(resumed ? { completion_status: resumed.summary.completionStatus, success_status: resumed.summary.successStatus } : {}),
    ...(resumed?.summary.scoreScaled === undefined ? {} : { score: { scaled: String(resumed.summary.scoreScaled) } }),
    ...(scaledPassingScore === undefined ? {} : { scaled_passing_score: String(scaledPassingScore) }),
    ...(item.completionThreshold?.completedByMeasure ? { completion_threshold: String(item.completionThreshold.minProgressMeasure) } : {}),
    ...(item.timeLimitAction ? { time_limit_action: item.timeLimitAction } : {}),
  };
}

function lessonStatusOf(summary: CmiSummary): string {
  if (summary.successStatus !== "unknown") return summary.successStatus;
  if (summary.completionStatus === "completed" || summary.completionStatus === "incomplete" || summary.completionStatus === "not attempted") return summary.completionStatus;
  return "not attempted";
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (RTE 3.4.2). */
export function parseCmiTimespan(value: string): number | undefined {
  const match = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0);
}

export function formatCmiTimespan(seconds: number): string {
  const whole = Math.floor(seconds);
  const hundredths = Math.round((seconds - whole) * 100);
  const pad = (n: number) => String(n).padStart(2, "0");
  const base = `${pad(Math.min(9999, Math.floor(whole / 3600)))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
  return hundredths > 0 ? `${base}.${pad(hundredths)}` : base;
}

/** SCORM 2004 timeinterval (second,10,2): an ISO 8601 duration such as P1DT2H3M4.5S (RTE 4.1.1.6). */
export function parseIsoDuration(value: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match || value === "P" || value.endsWith("T")) return undefined;
  const [, years, months, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  // Years and months have no fixed length; RTE takes a year as 365 days and a month as 30.
  return (years! * 365 + months! * 30 + days!) * 86400 + hours! * 3600 + minutes! * 60 + seconds!;
}

export function formatIsoDuration(seconds: number): string {
  const hundredths = Math.round(seconds * 100);
  const hours = Math.floor(hundredths / 360000);
  const minutes = Math.floor((hundredths % 360000) / 6000);
  const rest = (hundredths % 6000) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${rest || (!hours && !minutes) ? `${rest}S` : ""}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function decimal(value: unknown): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
