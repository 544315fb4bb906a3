// Entry of the runtime bundled into every page: reads the embedded config, connects to the
// learning system the package was built for, wires pages, video and quiz, resumes where the
// learner left off, and reports progress until the page goes away.
import type { AuConfig } from "./au-config.js";
import { Cmi5Session } from "./cmi5-session.js";
import { connect } from "./connect.js";
import { Pager } from "./pager.js";
import { type QuizHandle, wireQuiz } from "./quiz-form.js";
import type { ResumeState, Tracker } from "./tracker.js";
import { uuid } from "./uuid.js";
import { trackVideo, type VideoTracker } from "./video-tracking.js";

type State = "pending" | "ready" | "standalone" | "error" | "finishing" | "finished";

function start(): void {
  const configElement = document.getElementById("obuka-au");
  if (!configElement?.textContent) return;
  const config = JSON.parse(configElement.textContent) as AuConfig;
  const strings = config.strings;
  const status = document.querySelector<HTMLElement>('[data-testid="status"]');
  const setStatus = (state: State, text: string) => {
    if (!status) return;
    status.dataset.state = state;
    status.textContent = text;
  };
  const now = () => Date.now();
  const reportError = (error: unknown) => setStatus("error", `${strings.error} ${error instanceof Error ? error.message : String(error)}`);

  let session: Promise<Tracker | undefined>;
  try {
    const connecting = connect(config, { window, now, uuid, onError: reportError });
    if (connecting) {
      setStatus("pending", strings.connecting);
      session = connecting.then(
        (s) => {
          if (s) setStatus("ready", s.recordsSatisfaction ? strings.ready : strings.browseMode);
          else setStatus("standalone", strings.standalone);
          return s;
        },
        (error: unknown) => {
          reportError(error);
          return undefined;
        },
      );
    } else {
      setStatus("standalone", strings.standalone);
      session = Promise.resolve(undefined);
    }
  } catch (error) {
    reportError(error);
    session = Promise.resolve(undefined);
  }

  // Set once the session is up and the last session's state is restored; saving before
  // that would overwrite the suspend data with an empty state.
  let current: Tracker | undefined;
  let pager: Pager | undefined;
  let quiz: QuizHandle | undefined;
  const trackers: VideoTracker[] = [];
  const snapshot = (): ResumeState => ({ page: pager?.index ?? 0, seen: pager?.seenPages ?? [], videos: trackers.map((t) => t.state()), answers: quiz?.answers() });
  const save = () => current?.save(snapshot());
  const checkCompletion = () => {
    if (pager?.allSeen && trackers.every((t) => t.ended())) void session.then((s) => s?.complete());
  };

  const videos = [...document.querySelectorAll<HTMLVideoElement>('video[data-testid="training-video"]')];
  videos.forEach((element, index) => {
    const video = config.videos[index];
    if (!video) return;
    trackers.push(trackVideo(element, video, session, { uuid, now, onEnded: checkCompletion, onProgress: save }));
  });

  const form = document.querySelector<HTMLFormElement>('form[data-testid="quiz"]');
  const result = document.querySelector<HTMLElement>('[data-testid="quiz-result"]');
  if (form && result && config.quiz) quiz = wireQuiz(form, result, config, config.quiz, session, save);

  pager = new Pager(
    [...document.querySelectorAll<HTMLElement>("section[data-page]")],
    document.querySelector('button[data-testid="prev"]'),
    document.querySelector('button[data-testid="next"]'),
    document.querySelector('[data-testid="progress"]'),
    (index) => {
      current?.pageShown(index, pager?.total ?? 0);
      save();
      checkCompletion();
    },
  );
  checkCompletion();

  void session.then((s) => {
    if (!s) return;
    if (s instanceof Cmi5Session && s.preferences.audioPreference === "off") videos.forEach((v) => (v.muted = true));
    const resume = s.resume;
    if (resume) {
      resume.videos.forEach((saved, index) => trackers[index]?.restore(saved));
      if (resume.answers) quiz?.restore(resume.answers, s.alreadyPassed);
    }
    current = s;
    if (resume) pager?.restore(resume.page, resume.seen);
    else {
      s.pageShown(pager?.index ?? 0, pager?.total ?? 0);
      save();
    }
    checkCompletion();
  });

  // The last report: SCORM commits and finishes, xAPI sends what is left with keepalive.
  window.addEventListener("pagehide", () => {
    save();
    current?.pageHide();
  });

  const finish = document.querySelector<HTMLButtonElement>('button[data-testid="finish"]');
  finish?.addEventListener("click", () => {
    finish.disabled = true;
    void session.then(async (s) => {
      if (!s) {
        setStatus(status?.dataset.state === "error" ? "error" : "finished", strings.finished);
        return;
      }
      setStatus("finishing", strings.finishing);
      try {
        save();
        const returnURL = await s.terminate();
        setStatus("finished", strings.finished);
        if (returnURL) window.location.assign(returnURL);
      } catch (error) {
        reportError(error);
        finish.disabled = false;
      }
    });
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
