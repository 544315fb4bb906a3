// ADL Video Profile tracking for one <video>: initialized, played, paused, seeked, completed; and
// what was watched, kept for resume (SCORM suspend data) where no statements are sent.
import type { VideoConfig } from "./au-config.js";
import { PlayedSegments, round } from "./played-segments.js";
import type { VideoMoment } from "./statements.js";
import type { Tracker, VideoVerb } from "./tracker.js";

export interface VideoTracker {
  ended: () => boolean;
  /** Played segments, whether the video was watched to the end and where it stands, for the resume state. */
  state: () => { segments: string; ended: boolean; time?: number };
  /** What an earlier session watched: a video watched to the end stays watched; playback resumes where it stopped. */
  restore: (saved: { segments: string; ended: boolean; time?: number }) => void;
}

export function trackVideo(
  element: HTMLVideoElement,
  video: VideoConfig,
  session: Promise<Tracker | undefined>,
  deps: { uuid: () => string; now: () => number; onEnded: () => void; onProgress: () => void },
): VideoTracker {
  let segments = new PlayedSegments();
  const videoSessionId = deps.uuid();
  let ended = false;
  let initialized = false;
  let lastTime = 0;
  let playingSince: number | undefined;
  let watchedMs = 0;
  /** The seek that puts the video back where the last session stopped: not the learner's, so not reported. */
  let resumingTo: number | undefined;

  const moment = (): VideoMoment => {
    const length = Number.isFinite(element.duration) ? round(element.duration) : 0;
    const track = [...element.textTracks].find((t) => t.mode === "showing");
    return { time: round(element.currentTime), length, playedSegments: segments.toString(), progress: segments.progress(element.duration), videoSessionId, ccLang: track?.language || undefined };
  };
  const emit = (verb: VideoVerb, timeFrom?: number) => {
    const snapshot = timeFrom === undefined ? moment() : { ...moment(), timeFrom: round(timeFrom) };
    const watched = watchedMs;
    void session.then((s) => s?.video(video, verb, snapshot, verb === "completed" ? watched : undefined));
  };
  const stopClock = () => {
    if (playingSince !== undefined) watchedMs += deps.now() - playingSince;
    playingSince = undefined;
  };
  const initialize = () => {
    if (initialized) return;
    initialized = true;
    emit("initialized");
  };

  if (element.readyState >= 1) initialize();
  element.addEventListener("loadedmetadata", initialize);
  element.addEventListener("timeupdate", () => {
    if (!element.seeking) lastTime = element.currentTime;
  });
  element.addEventListener("play", () => {
    initialize();
    // Playback starts where the video stood; on a busy page `play` may be dispatched after
    // the media clock has already moved on, and that first moment was watched too.
    segments.begin(Math.min(lastTime, element.currentTime));
    playingSince = deps.now();
    emit("played");
  });
  element.addEventListener("pause", () => {
    segments.end(element.ended ? element.duration : element.currentTime);
    stopClock();
    emit("paused");
    deps.onProgress();
  });
  // Where a seek started: by `seeked`, a timeupdate at the new position has already come.
  let seekFrom: number | undefined;
  element.addEventListener("seeking", () => {
    seekFrom ??= lastTime;
    if (segments.isOpen) segments.end(lastTime);
  });
  element.addEventListener("seeked", () => {
    const from = seekFrom ?? lastTime;
    seekFrom = undefined;
    lastTime = element.currentTime;
    if (resumingTo !== undefined) {
      resumingTo = undefined;
      return;
    }
    if (!element.paused) segments.begin(element.currentTime);
    // A jump of the seekbar, not the restart after the end or a nudge the browser makes.
    if (initialized && Math.abs(element.currentTime - from) >= 0.5) emit("seeked", from);
  });
  element.addEventListener("ended", () => {
    segments.end(element.duration);
    stopClock();
    if (!ended) {
      ended = true;
      emit("completed");
    }
    deps.onProgress();
    deps.onEnded();
  });
  return {
    ended: () => ended,
    state: () => {
      const time = round(element.currentTime);
      return { segments: segments.toString(), ended, ...(time > 0 && !element.ended ? { time } : {}) };
    },
    restore: (saved) => {
      if (saved.ended) ended = true;
      if (!segments.toString() && saved.segments) segments = PlayedSegments.parse(saved.segments);
      const time = saved.time;
      if (time === undefined || element.currentTime > 0 || !element.paused) return;
      const seek = () => {
        resumingTo = time;
        element.currentTime = Math.min(time, Number.isFinite(element.duration) ? element.duration : time);
      };
      if (element.readyState >= 1) seek();
      else element.addEventListener("loadedmetadata", seek, { once: true });
    },
  };
}
