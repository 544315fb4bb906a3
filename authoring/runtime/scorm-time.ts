// SCORM time formats: 1.2 CMITimespan and CMITime, 2004 time(second,10,0).

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (RTE 1.2 3.4.2). */
export function cmiTimespan(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360000));
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${seconds.toFixed(2).padStart(5, "0")}`;
}

/** SCORM 1.2 CMITime `HH:MM:SS`, the learner's time of day. */
export function cmiTime(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** SCORM 2004 time(second,10,0): ISO 8601 to hundredths, in UTC. */
export function scorm2004Timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/(\.\d\d)\dZ$/, "$1Z");
}
