// Played segments and progress of the xAPI Video Profile ("0[.]5.2[,]7[.]9.1").

export class PlayedSegments {
  private readonly segments: [number, number][] = [];
  private start: number | undefined;

  /** Segments written by toString() (kept in SCORM suspend data); malformed parts are skipped. */
  static parse(text: string): PlayedSegments {
    const result = new PlayedSegments();
    for (const part of text ? text.split("[,]") : []) {
      const [a, b] = part.split("[.]").map(Number);
      if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > a && a >= 0) result.segments.push([a, b]);
    }
    return result;
  }

  begin(time: number): void {
    this.start = time;
  }

  /** Closes the open segment at `time`; no-op when none is open. */
  end(time: number): void {
    if (this.start === undefined) return;
    if (time > this.start) this.segments.push([this.start, time]);
    this.start = undefined;
  }

  get isOpen(): boolean {
    return this.start !== undefined;
  }

  toString(): string {
    return this.segments.map(([a, b]) => `${round(a)}[.]${round(b)}`).join("[,]");
  }

  /** Share of the video's length played at least once, 0..1 to 3 places. */
  progress(length: number): number {
    if (!(length > 0)) return 0;
    const sorted = [...this.segments].sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let reach = 0;
    for (const [a, b] of sorted) {
      const from = Math.max(a, reach);
      if (b > from) covered += b - from;
      reach = Math.max(reach, b);
    }
    return Math.min(1, Math.round((covered / length) * 1000) / 1000);
  }
}

export function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
