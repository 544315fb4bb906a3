/** An ISO 8601 duration (xAPI result.duration) from milliseconds, to 0.01 s. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds.toFixed(2).replace(/\.?0+$/, "") || "0"}S`;
}
