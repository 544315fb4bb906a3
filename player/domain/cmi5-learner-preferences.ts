/** The cmi5LearnerPreferences agent profile document (cmi5 section 11). */
export interface LearnerPreferences {
  /** Comma-separated RFC 5646 tags, most preferred first (11.1). */
  languagePreference: string;
  audioPreference: "on" | "off";
}

/** The LMS's default for a learner who never chose: the player's languages in its own order. */
export function defaultLearnerPreferences(languages: readonly string[]): LearnerPreferences {
  return { languagePreference: languages.join(","), audioPreference: "on" };
}

// RFC 5646 in the shape xAPI accepts: a 2–8 letter primary subtag, then subtags of 1–8 alphanumerics.
const languageTag = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Why an AU's write of cmi5LearnerPreferences is refused, with the requirement id, or
 * undefined when it may be stored. `body` is undefined for a DELETE; a POST merges into
 * the stored object, so it may carry one of the two properties.
 */
export function checkLearnerPreferencesWrite(body: Buffer | undefined, merge: boolean): { requirement: string; message: string } | undefined {
  if (body === undefined) return { requirement: "11.0.0.0-2", message: "cmi5LearnerPreferences: the LMS keeps this document; an AU may not delete it" };
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return { requirement: "11.0.0.0-5 (d)", message: "cmi5LearnerPreferences: must be a JSON document" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { requirement: "11.0.0.0-5 (d)", message: "cmi5LearnerPreferences: must be a JSON object" };
  }
  const doc = value as Record<string, unknown>;
  for (const name of ["languagePreference", "audioPreference"]) {
    if (!merge && doc[name] === undefined) return { requirement: "11.0.0.0-5 (d)", message: `cmi5LearnerPreferences.${name}: is required` };
  }
  const languages = doc.languagePreference;
  if (languages !== undefined && (typeof languages !== "string" || !languages.split(",").every((tag) => languageTag.test(tag.trim())))) {
    return { requirement: "11.1.0.0-1 (d)", message: "cmi5LearnerPreferences.languagePreference: must be a comma-separated list of RFC 5646 language tags" };
  }
  const audio = doc.audioPreference;
  if (audio !== undefined && audio !== "on" && audio !== "off") {
    return { requirement: "11.0.0.0-5 (d)", message: 'cmi5LearnerPreferences.audioPreference: must be "on" or "off"' };
  }
  return undefined;
}
