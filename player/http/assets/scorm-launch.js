// The SCORM launch page's script: puts scorm-again's API on this frame (window.API for
// SCORM 1.2, window.API_1484_11 for 2004) before the SCO loads in the iframe below, so the
// SCO finds it by the standard discovery algorithm; commits go to the player as JSON with the
// page's CSRF token, and the last one survives closing the tab (fetch keepalive on pagehide).
(function () {
  "use strict";
  var root = document.getElementById("scorm-player");
  var frame = document.getElementById("scorm-content");
  if (!root || !frame) return;
  var launch = JSON.parse(root.getAttribute("data-launch"));
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var is12 = launch.version === "scorm12";
  var initialized = false;
  var terminated = false;
  var navRequest = "";

  function post(body) {
    // keepalive lets the request outlive the page, as the final commit must when the tab closes.
    return fetch(launch.commitUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
  }

  var settings = {
    lmsCommitUrl: launch.commitUrl,
    useAsynchronousCommits: true,
    asyncModeBeaconBehavior: "never",
    fetchMode: "same-origin",
    autocommit: true,
    autocommitSeconds: 30,
    logLevel: 4,
    xhrHeaders: { "X-CSRF-Token": csrf },
    requestHandler: function (commit, metadata) {
      return { event: metadata && metadata.isTerminateCommit ? "terminate" : "commit", cmi: commit.cmi };
    },
    responseHandler: function (response) {
      return Promise.resolve({ result: response.ok, errorCode: response.ok ? 0 : 101 });
    },
  };
  var api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  api.loadFromJSON(launch.cmi);
  if (is12) window.API = api;
  else window.API_1484_11 = api;

  api.on(is12 ? "LMSInitialize" : "Initialize", function () {
    initialized = true;
    post({ event: "initialize" }).catch(function () {});
  });
  api.on(is12 ? "LMSFinish" : "Terminate", function () {
    terminated = true;
    // SCORM 2004: a SCO may ask to move on when it ends (adl.nav.request, RTE 4.4).
    var target = /^\{target=([^}]+)\}(choice|jump)$/.exec(navRequest);
    if (navRequest === "continue" && launch.nextUrl) window.location.assign(launch.nextUrl);
    else if (navRequest === "previous" && launch.previousUrl) window.location.assign(launch.previousUrl);
    // The server checks that the tree allows the choice.
    else if (target) window.location.assign(launch.choiceUrl.replace("__SCO__", encodeURIComponent(target[1])));
  });
  if (!is12) {
    api.on("SetValue.adl.nav.request", function (_element, value) {
      navRequest = String(value);
    });
  }

  // A SCO that does not finish (closed tab, a SCO without LMSFinish) still gets its data kept
  // and its session ended. This page hides before the SCO's frame does, so the SCO's own
  // final commit may still follow; the server takes it after this one.
  window.addEventListener("pagehide", function () {
    if (!initialized || terminated) return;
    var cmi = api.renderCommitCMI(true);
    post({ event: "unload", cmi: cmi && cmi.cmi ? cmi.cmi : cmi }).catch(function () {});
  });

  frame.src = launch.contentUrl;
})();
