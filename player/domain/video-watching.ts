// "Watched" for a recorded training, computed by the LMS from ADL Video Profile statements
// (https://w3id.org/xapi/video, result extension played-segments): the union of the segments
// played over every statement of a registration, measured against the media length the
// server read from the file. Seeking ahead adds nothing (only played segments count), and a
// statement whose new segments are longer than the wall-clock time since the previous
// statement of its video session allows is flagged and does not count.

export const videoExtensions = {
  playedSegments: "https://w3id.org/xapi/video/extensions/played-segments",
  time: "https://w3id.org/xapi/video/extensions/time",
  timeTo: "https://w3id.org/xapi/video/extensions/time-to",
  sessionId: "https://w3id.org/xapi/video/extensions/session-id",
} as const;

/**
 * Share of the media that must be played when the course names no completion threshold.
 * Not 1: the last frames of a file rarely make it into a played segment (players stop a
 * fraction of a second early and segments are rounded).
 */
export const defaultWatchedThreshold = 0.9;
/** Faster playback a learner may use (browsers offer up to 2×) before a claim is implausible. */
export const maxPlaybackRate = 2;
/** Seconds of slack per statement for rounding and the delay between the player event and the LRS. */
export const claimSlackSeconds = 2;

/** The parts of a stored statement this needs. `stored` is the LRS's time: the client cannot set it. */
export interface VideoStatement {
  id: string;
  stored: string;
  /** The client's time: only orders statements stored in the same instant (one batch). */
  timestamp: string;
  verb: string;
  resultExtensions: Record<string, unknown> | undefined;
  contextExtensions: Record<string, unknown> | undefined;
}

export interface FlaggedClaim {
  statementId: string;
  /** Seconds of new video the statement claimed. */
  claimedSeconds: number;
  /** Seconds of wall-clock time since the previous statement of its video session. */
  elapsedSeconds: number;
}

export interface VideoWatching {
  /** Seconds of the media played at least once (flagged claims left out). */
  watchedSeconds: number;
  /** watchedSeconds / length, 0..1 to 3 places; undefined when the length is unknown. */
  progress: number | undefined;
  watched: boolean;
  threshold: number;
  /** Where the learner last was, in seconds: the start again after the video was played to the end. */
  resumeAt: number;
  flagged: FlaggedClaim[];
}

type Segment = [number, number];

/** Parses "0[.]5.2[,]7[.]9.1"; malformed parts are skipped, segments are clipped to [0, length]. */
export function parsePlayedSegments(text: unknown, length: number | undefined): Segment[] {
  if (typeof text !== "string" || text === "") return [];
  const segments: Segment[] = [];
  for (const part of text.split("[,]")) {
    const [a, b] = part.split("[.]").map((v) => Number(v.trim()));
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    const from = Math.max(0, a);
    const to = length === undefined ? b : Math.min(b, length);
    if (to > from) segments.push([from, to]);
  }
  return segments;
}

/** The union of segments, sorted and merged. */
export function unionOf(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((x, y) => x[0] - y[0]);
  const merged: Segment[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

export function totalLength(segments: readonly Segment[]): number {
  return unionOf(segments).reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Seconds of `claimed` not yet in `accepted`. */
function newSeconds(claimed: readonly Segment[], accepted: readonly Segment[]): number {
  return totalLength([...accepted, ...claimed]) - totalLength(accepted);
}

export function computeVideoWatching(statements: readonly VideoStatement[], lengthSeconds: number | undefined, threshold: number): VideoWatching {
  const ordered = [...statements].sort((x, y) => x.stored.localeCompare(y.stored) || x.timestamp.localeCompare(y.timestamp) || x.id.localeCompare(y.id));
  let accepted: Segment[] = [];
  const flagged: FlaggedClaim[] = [];
  // Per video session: the instant of its previous store, of its current one, and what the
  // statements stored in the current instant (one batch) already claimed of its allowance.
  const clocks = new Map<string, { previousAt: number | undefined; currentAt: number; used: number }>();
  let resumeAt = 0;
  for (const statement of ordered) {
    const at = Date.parse(statement.stored);
    const session = String(statement.contextExtensions?.[videoExtensions.sessionId] ?? "");
    let clock = clocks.get(session);
    if (!clock) clocks.set(session, (clock = { previousAt: undefined, currentAt: at, used: 0 }));
    else if (clock.currentAt !== at) Object.assign(clock, { previousAt: clock.currentAt, currentAt: at, used: 0 });
    const claimed = parsePlayedSegments(statement.resultExtensions?.[videoExtensions.playedSegments], lengthSeconds);
    const extra = newSeconds(claimed, accepted);
    if (extra > 0) {
      const elapsedSeconds = clock.previousAt === undefined ? 0 : Math.max(0, (at - clock.previousAt) / 1000);
      if (extra > elapsedSeconds * maxPlaybackRate + claimSlackSeconds - clock.used) {
        flagged.push({ statementId: statement.id, claimedSeconds: round(extra), elapsedSeconds: round(elapsedSeconds) });
      } else {
        clock.used += extra;
        accepted = unionOf([...accepted, ...claimed]);
      }
    }
    const position = statement.resultExtensions?.[videoExtensions.timeTo] ?? statement.resultExtensions?.[videoExtensions.time];
    if (statement.verb === "http://adlnet.gov/expapi/verbs/completed") resumeAt = 0;
    else if (typeof position === "number" && Number.isFinite(position) && position >= 0) resumeAt = lengthSeconds === undefined ? position : Math.min(position, lengthSeconds);
  }
  const watchedSeconds = round(totalLength(accepted));
  const progress = lengthSeconds === undefined || !(lengthSeconds > 0) ? undefined : Math.min(1, Math.round((watchedSeconds / lengthSeconds) * 1000) / 1000);
  return { watchedSeconds, progress, watched: progress !== undefined && progress >= threshold, threshold, resumeAt: round(resumeAt), flagged };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
