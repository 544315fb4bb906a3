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
  var navigating = false;
  var requestValid = launch.requestValid || { continue: false, previous: false, choice: [] };

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
    // adl.nav.request_valid.choice.{target=…}: the SCOs the server's sequencing lets a choice reach.
    scoItemIdValidator: function (target) {
      return requestValid.choice.indexOf(target) >= 0;
    },
  };
  var api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  if (!is12 && api.adl && api.adl.nav && api.adl.nav.request_valid) {
    // Set before Initialize, after which the SCO may only read them (RTE 4.4.3).
    api.adl.nav.request_valid.continue = requestValid.continue ? "true" : "false";
    api.adl.nav.request_valid.previous = requestValid.previous ? "true" : "false";
  }
  api.loadFromJSON(launch.cmi);
  if (is12) window.API = api;
  else window.API_1484_11 = api;

  api.on(is12 ? "LMSInitialize" : "Initialize", function () {
    initialized = true;
    post({ event: "initialize" }).catch(function () {});
  });
  // Shows why nothing comes next (the course ended or was suspended, the learner chooses, or the
  // request is not allowed); once the SCO's attempt is over its frame is emptied.
  function showOutcome(outcome, attemptOver) {
    var message = document.getElementById("scorm-nav-message");
    if (message && message.getAttribute("data-" + outcome)) {
      message.textContent = message.getAttribute("data-" + outcome);
      message.hidden = false;
    }
    if (attemptOver) frame.src = "about:blank";
  }

  // A navigation request goes to the server, which ends the SCO's attempt by the package's
  // sequencing rules (exit actions, post conditions, limits) and answers where to go.
  function navigate(request, scoTerminated) {
    if (navigating) return;
    navigating = true;
    var body = { request: request, scoTerminated: scoTerminated };
    if (initialized) {
      var rendered = api.renderCommitCMI(true);
      body.cmi = rendered && rendered.cmi ? rendered.cmi : rendered;
    }
    fetch(launch.navigateUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    })
      .then(function (response) { return response.ok ? response.json() : { outcome: "invalid" }; })
      .then(function (result) {
        if (result.outcome === "deliver" && result.url) {
          window.location.assign(result.url);
          return;
        }
        navigating = false;
        if (result.outcome === "none") return;
        showOutcome(result.outcome, scoTerminated || result.outcome !== "invalid");
      })
      .catch(function () {
        navigating = false;
        showOutcome("invalid", false);
      });
  }

  api.on(is12 ? "LMSFinish" : "Terminate", function () {
    terminated = true;
    // SCORM 2004: a SCO may ask to move on when it ends (adl.nav.request, RTE 4.4); without a
    // request the learner moves on from the table of contents or the flow links.
    if (!is12 && navRequest && navRequest !== "_none_") navigate(navRequest, true);
  });

  // The flow links and the table of contents ask the server too, so the attempt that ends is
  // judged by the rules; without script they are plain links the server checks.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-request], a[data-target]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var target = link.getAttribute("data-target");
      navigate(target ? "{target=" + target + "}choice" : link.getAttribute("data-request"), terminated);
    });
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
