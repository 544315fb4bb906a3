// Entry of the runtime bundled into every AU page: reads the embedded config and the
// cmi5 launch parameters, wires pages, video and quiz, and tracks when launched.
import type { AuConfig } from "./au-config.js";
import { Cmi5Session } from "./cmi5-session.js";
import { parseLaunchParams } from "./launch-params.js";
import { Pager } from "./pager.js";
import { wireQuiz } from "./quiz-form.js";
import { uuid } from "./uuid.js";
import { trackVideo } from "./video-tracking.js";

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

  let session: Promise<Cmi5Session | undefined>;
  try {
    const params = parseLaunchParams(window.location.search);
    if (params) {
      setStatus("pending", strings.connecting);
      session = Cmi5Session.start(params, config, { fetch: window.fetch.bind(window), now, uuid, onError: reportError }).then(
        (s) => {
          setStatus("ready", s.recordsSatisfaction ? strings.ready : strings.browseMode);
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

  const videos = [...document.querySelectorAll<HTMLVideoElement>('video[data-testid="training-video"]')];
  const trackers: { ended: () => boolean }[] = [];
  const checkCompletion = () => {
    if (pager?.allSeen && trackers.every((t) => t.ended())) void session.then((s) => s?.complete());
  };
  let pager: Pager | undefined;
  videos.forEach((element, index) => {
    const video = config.videos[index];
    if (!video) return;
    trackers.push(trackVideo(element, video, session, { uuid, now, onEnded: checkCompletion }));
  });
  void session.then((s) => {
    if (s?.preferences.audioPreference === "off") videos.forEach((v) => (v.muted = true));
  });

  const form = document.querySelector<HTMLFormElement>('form[data-testid="quiz"]');
  const result = document.querySelector<HTMLElement>('[data-testid="quiz-result"]');
  if (form && result && config.quiz) wireQuiz(form, result, config, config.quiz, session);

  pager = new Pager(
    [...document.querySelectorAll<HTMLElement>("section[data-page]")],
    document.querySelector('button[data-testid="prev"]'),
    document.querySelector('button[data-testid="next"]'),
    document.querySelector('[data-testid="progress"]'),
    checkCompletion,
  );
  checkCompletion();

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
