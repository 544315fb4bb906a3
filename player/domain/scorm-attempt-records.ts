// cmi.interactions and cmi.objectives of an attempt, given back to the SCO when the attempt is
// taken up again (resume, review): the data of an attempt persists across its sessions (SCORM
// 1.2 RTE 3.4, SCORM 2004 RTE 4.2.9 and 4.2.17), not only its suspend_data.

/** The records of an attempt in the shape scorm-again's loadFromJSON reads: arrays of objects, in index order. */
export interface AttemptRecords {
  interactions?: Record<string, unknown>[];
  objectives?: Record<string, unknown>[];
}

/**
 * Reads the interactions and objectives out of committed CMI data (scorm-again serialises a
 * collection as `{ "0": {...}, "1": {...} }`; arrays are taken too). Counts and child lists
 * (`_count`, `_children`) and empty values are left out: the run-time computes the first and
 * an empty value is the same as an unset one.
 */
export function attemptRecords(cmi: Record<string, unknown> | undefined): AttemptRecords {
  if (!cmi) return {};
  const interactions = collection(cmi.interactions);
  const objectives = collection(cmi.objectives);
  return {
    ...(interactions.length > 0 ? { interactions } : {}),
    ...(objectives.length > 0 ? { objectives } : {}),
  };
}

function collection(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value)
    ? value
    : isRecord(value)
      ? Object.keys(value).filter((key) => /^\d+$/.test(key)).sort((a, b) => Number(a) - Number(b)).map((key) => value[key])
      : [];
  return items.filter(isRecord).map(cleanRecord).filter((record) => Object.keys(record).length > 0);
}

/** Keeps a record's values; nested collections (an interaction's objectives and correct responses) become arrays too. */
function cleanRecord(record: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith("_") || value === "" || value === null || value === undefined) continue;
    if (key === "objectives" || key === "correct_responses") {
      const nested = collection(value);
      if (nested.length > 0) clean[key] = nested;
    } else if (isRecord(value)) {
      const inner = cleanRecord(value);
      if (Object.keys(inner).length > 0) clean[key] = inner;
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      clean[key] = String(value);
    }
  }
  return clean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
