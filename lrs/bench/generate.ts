// Deterministic, realistic statements for the benchmark: what the obuka runtime sends
// for a cmi5 AU (launched … terminated, with the cmi5 context template) and for its
// videos (ADL video profile: initialized, played, paused, seeked, completed), about
// 1.5 KB each. A seeded generator makes every run store the same population.

export interface Population {
  learners: number;
  courses: number;
  ausPerCourse: number;
}

export const DEFAULT_POPULATION: Population = { learners: 5000, courses: 40, ausPerCourse: 8 };

const CMI5_CATEGORY = { id: "https://w3id.org/xapi/cmi5/context/categories/cmi5", definition: { type: "http://adlnet.gov/expapi/activities/profile" } };
const MOVEON_CATEGORY = { id: "https://w3id.org/xapi/cmi5/context/categories/moveon" };
const VIDEO_CATEGORY = { id: "https://w3id.org/xapi/video", definition: { type: "http://adlnet.gov/expapi/activities/profile" } };
const SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const CMI5_VERBS = ["launched", "initialized", "completed", "passed", "terminated"] as const;
const VIDEO_VERBS = [
  "http://adlnet.gov/expapi/verbs/initialized",
  "https://w3id.org/xapi/video/verbs/played",
  "https://w3id.org/xapi/video/verbs/paused",
  "https://w3id.org/xapi/video/verbs/seeked",
  "http://adlnet.gov/expapi/verbs/completed",
] as const;
export const VERB_IDS = {
  launched: "http://adlnet.gov/expapi/verbs/launched",
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
} as const;

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A v4-shaped UUID derived from a number space and an index, so ids are reproducible. */
export function benchUuid(space: number, n: number): string {
  return `${hex(space, 8)}-${hex((n / 0x1000000000000) & 0xffff, 4)}-4000-8000-${hex(n % 0x1000000000000, 12)}`;
}

export function learnerAgent(i: number): { objectType: "Agent"; name: string; account: { homePage: string; name: string } } {
  return { objectType: "Agent", name: `Polaznik ${i}`, account: { homePage: "https://obuka.example", name: `learner-${i}` } };
}

export function courseId(c: number): string {
  return `https://obuka.example/courses/course-${c}`;
}

export function auId(c: number, a: number): string {
  return `${courseId(c)}/au/${a}`;
}

export function registrationOf(learner: number, course: number): string {
  return benchUuid(0x7e610000, learner * 1000 + course);
}

/** The n-th statement of the run: mostly video events, with the cmi5 lifecycle around them. */
export function generateStatement(n: number, random: () => number, population: Population = DEFAULT_POPULATION): Record<string, unknown> {
  const learner = Math.floor(random() * population.learners);
  const course = Math.floor(random() * population.courses);
  const au = Math.floor(random() * population.ausPerCourse);
  const session = benchUuid(0x5e550000, Math.floor(random() * 1e9));
  const registration = registrationOf(learner, course);
  const timestamp = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  const base = {
    id: benchUuid(0xbe4c0000, n),
    actor: learnerAgent(learner),
    timestamp,
  };
  const parent = [{ id: courseId(course), objectType: "Activity", definition: { type: "http://adlnet.gov/expapi/activities/course", name: { "sr-Latn": `Kurs ${course}`, en: `Course ${course}` } } }];
  if (random() < 0.35) {
    const verb = CMI5_VERBS[Math.floor(random() * CMI5_VERBS.length)]!;
    const moveOn = verb === "completed" || verb === "passed";
    return {
      ...base,
      verb: { id: VERB_IDS[verb], display: { "en-US": verb } },
      object: {
        id: auId(course, au),
        objectType: "Activity",
        definition: {
          type: "https://w3id.org/xapi/cmi5/activitytype/block",
          name: { "sr-Latn": `Jedinica ${au}: zaštita dece u zajednici`, en: `Unit ${au}: child protection in the community` },
        },
      },
      ...(verb === "passed" ? { result: { score: { scaled: Math.round(random() * 100) / 100 }, success: true, duration: `PT${Math.floor(random() * 3600)}S` } } : {}),
      ...(verb === "completed" ? { result: { completion: true, duration: `PT${Math.floor(random() * 3600)}S` } } : {}),
      context: {
        registration,
        contextActivities: { parent, grouping: [{ id: `${courseId(course)}/publisher` }], category: moveOn ? [CMI5_CATEGORY, MOVEON_CATEGORY] : [CMI5_CATEGORY] },
        extensions: { [SESSION_EXT]: session, "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": 0.8 },
        platform: "obuka runtime",
        language: "sr-Latn-RS",
      },
    };
  }
  const verb = VIDEO_VERBS[Math.floor(random() * VIDEO_VERBS.length)]!;
  const time = Math.round(random() * 600 * 1000) / 1000;
  return {
    ...base,
    verb: { id: verb, display: { "en-US": verb.slice(verb.lastIndexOf("/") + 1) } },
    object: {
      id: `${auId(course, au)}/video/1`,
      objectType: "Activity",
      definition: { type: "https://w3id.org/xapi/video/activity-type/video", name: { "sr-Latn": `Video ${au}`, en: `Video ${au}` } },
    },
    result: {
      extensions: {
        "https://w3id.org/xapi/video/extensions/time": time,
        "https://w3id.org/xapi/video/extensions/progress": Math.round(random() * 100) / 100,
        "https://w3id.org/xapi/video/extensions/played-segments": `0[.]${time}`,
      },
    },
    context: {
      registration,
      contextActivities: { parent: [{ id: auId(course, au), objectType: "Activity" }, ...parent], category: [VIDEO_CATEGORY] },
      extensions: {
        "https://w3id.org/xapi/video/extensions/session-id": session,
        "https://w3id.org/xapi/video/extensions/length": 600,
        "https://w3id.org/xapi/video/extensions/cc-subtitle-enabled": true,
        "https://w3id.org/xapi/video/extensions/cc-subtitle-lang": "sr-Latn",
        "https://w3id.org/xapi/video/extensions/completion-threshold": 0.9,
        "https://w3id.org/xapi/video/extensions/user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0",
        "https://w3id.org/xapi/video/extensions/video-playback-size": "1280x720",
        "https://w3id.org/xapi/video/extensions/volume": 0.8,
        [SESSION_EXT]: session,
      },
      language: "sr-Latn-RS",
    },
  };
}
