// Finding the LMS's SCORM API object and calling it safely. SCORM 1.2 names it `API`,
// SCORM 2004 `API_1484_11`; both are found by the same discovery algorithm (RTE 1.2
// section 3.3.6.1, RTE 2004 section 3.1.2.1).

export interface Scorm12Api {
  LMSInitialize(parameter: ""): string;
  LMSFinish(parameter: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ""): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

export interface Scorm2004Api {
  Initialize(parameter: ""): string;
  Terminate(parameter: ""): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(parameter: ""): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

export type ScormVersion = "1.2" | "2004";

/** The few windows properties the discovery walks. */
interface WindowLike {
  parent: WindowLike | null;
  opener?: WindowLike | null;
  [name: string]: unknown;
}

/** How many parents up the algorithm looks before giving up (ADL's sample uses 7 for 1.2). */
export const maxParentLevels = 7;

function read(win: WindowLike, name: string): unknown {
  try {
    return win[name];
  } catch {
    // A cross-origin frame: its properties throw SecurityError; it cannot be our LMS.
    return undefined;
  }
}

function scan(start: WindowLike, name: string): unknown {
  let win: WindowLike | null = start;
  for (let level = 0; win && level <= maxParentLevels; level++) {
    const api = read(win, name);
    if (api) return api;
    let parent: WindowLike | null = null;
    try {
      parent = win.parent;
    } catch {
      parent = null;
    }
    if (!parent || parent === win) break;
    win = parent;
  }
  return undefined;
}

/** This window and its parents, then the opener and its parents (a SCO launched in a new window). */
export function findApi(start: WindowLike, version: ScormVersion): unknown {
  const name = version === "1.2" ? "API" : "API_1484_11";
  const found = scan(start, name);
  if (found) return found;
  let opener: WindowLike | null | undefined;
  try {
    opener = start.opener;
  } catch {
    opener = undefined;
  }
  return opener ? scan(opener, name) : undefined;
}

/** Both APIs behind one shape; a throwing LMS counts as a failed call, never reaches the page. */
export interface ScormPort {
  readonly version: ScormVersion;
  initialize(): boolean;
  terminate(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  commit(): boolean;
  /** "code: message" of the last error, for the learner's status line. */
  lastError(): string;
}

export function scormPort(api: unknown, version: ScormVersion): ScormPort {
  const call = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  const ok = (value: unknown) => String(value) === "true";
  if (version === "1.2") {
    const a = api as Scorm12Api;
    return {
      version,
      initialize: () => call(() => ok(a.LMSInitialize("")), false),
      terminate: () => call(() => ok(a.LMSFinish("")), false),
      get: (element) => call(() => String(a.LMSGetValue(element) ?? ""), ""),
      set: (element, value) => call(() => ok(a.LMSSetValue(element, value)), false),
      commit: () => call(() => ok(a.LMSCommit("")), false),
      lastError: () => call(() => { const code = String(a.LMSGetLastError()); return `${code}: ${String(a.LMSGetErrorString(code))}`; }, "101: the LMS threw"),
    };
  }
  const a = api as Scorm2004Api;
  return {
    version,
    initialize: () => call(() => ok(a.Initialize("")), false),
    terminate: () => call(() => ok(a.Terminate("")), false),
    get: (element) => call(() => String(a.GetValue(element) ?? ""), ""),
    set: (element, value) => call(() => ok(a.SetValue(element, value)), false),
    commit: () => call(() => ok(a.Commit("")), false),
    lastError: () => call(() => { const code = String(a.GetLastError()); return `${code}: ${String(a.GetErrorString(code))}`; }, "101: the LMS threw"),
  };
}
