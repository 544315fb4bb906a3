// Finds the page's learning system by the standard it was built for: the cmi5 launch, the
// xAPI (TinCan) launch, or the SCORM 1.2 / 2004 API in a parent window or the opener.
import type { AuConfig } from "./au-config.js";
import { Cmi5Session } from "./cmi5-session.js";
import { parseLaunchParams } from "./launch-params.js";
import { findApi, scormPort } from "./scorm-api.js";
import { ScormSession } from "./scorm-session.js";
import { parseTincanLaunch } from "./tincan-launch.js";
import type { Tracker } from "./tracker.js";
import { XapiSession } from "./xapi-session.js";

export interface ConnectDeps {
  window: Window;
  now: () => number;
  uuid: () => string;
  onError: (error: unknown) => void;
}

/** undefined when there is nothing to report to (a preview outside any LMS); rejects when the launch is broken. */
export function connect(config: AuConfig, deps: ConnectDeps): Promise<Tracker | undefined> | undefined {
  const { window: win, now, uuid, onError } = deps;
  const search = win.location.search;
  switch (config.standard) {
    case "cmi5": {
      const params = parseLaunchParams(search);
      return params && Cmi5Session.start(params, config, { fetch: win.fetch.bind(win), now, uuid, onError });
    }
    case "xapi": {
      const launch = parseTincanLaunch(search);
      return launch && XapiSession.start(launch, config, { fetch: win.fetch.bind(win), now, uuid, onError });
    }
    case "scorm12":
    case "scorm2004": {
      const version = config.standard === "scorm12" ? "1.2" : "2004";
      const api = findApi(win as unknown as Parameters<typeof findApi>[0], version);
      if (!api) return undefined;
      return Promise.resolve().then(() => new ScormSession(scormPort(api, version), config, { now, onError, schedule: (fn, ms) => void win.setTimeout(fn, ms) }));
    }
  }
}
