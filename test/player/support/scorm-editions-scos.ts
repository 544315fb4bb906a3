// Hand-written SCORM packages whose SCOs really talk to the run-time, one per edition the
// player claims (SCORM 1.2; SCORM 2004 2nd, 3rd and 4th ed.), each with a deliberately odd
// but valid structure: the SCO's logic lives in a shared asset resource reached through a
// dependency chain, SCOs sit in folders whose names have spaces (reached through xml:base and
// percent-encoded hrefs), items nest in clusters, and launches carry parameters.
//
// The SCO (zajednicko/sco.js, driven by the edition its page names) shows what it read at
// launch (entry, location, suspend data, total time, the interactions it can read back, the
// query it was launched with) and has two buttons: "#save" records an interaction and suspends; "#complete"
// records an interaction, a score of 90 and passes. Session time is fixed (4 s) so tests can
// compare totals exactly.
import { rawZip } from "../../support/raw-zip.js";

export type ScormEdition = "1.2" | "CAM 1.3" | "2004 3rd Edition" | "2004 4th Edition";

/** The SCO script shared by every page; `window.scoEdition` says which API it looks for. */
const scoScript = `(function () {
  var is12 = window.scoEdition === "1.2";
  var apiName = is12 ? "API" : "API_1484_11";
  // RTE 3.3.6.1 (1.2) and RTE 3.3.6.2 (2004): climb the parents, then try the opener.
  function findApi(win) {
    var tries = 0;
    while (!win[apiName] && win.parent && win.parent !== win && tries < 7) { tries++; win = win.parent; }
    return win[apiName] || (window.opener && window.opener[apiName]) || null;
  }
  var api = findApi(window);
  var out = document.getElementById("out");
  if (!api) { out.dataset.state = "no-api"; return; }
  var call = is12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError" };
  var el = is12
    ? { entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit", time: "cmi.core.session_time", response: "student_response", mode: "cmi.core.lesson_mode" }
    : { entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", time: "cmi.session_time", response: "learner_response", mode: "cmi.mode" };
  var rejected = [];
  function get(name) { return api[call.get](name); }
  function set(name, value) {
    if (api[call.set](name, value) !== "true") rejected.push(name + "=" + api[call.error]());
  }
  api[call.init]("");
  var count = Number(get("cmi.interactions._count"));
  // SCORM 1.2 interaction fields are write-only (RTE 3.4.2.7): reading one is error 404.
  var firstId = count > 0 ? get("cmi.interactions.0.id") : "";
  var firstIdError = count > 0 ? String(api[call.error]()) : "";
  var seen = {
    entry: get(el.entry), mode: get(el.mode), location: get(el.location), suspendData: get("cmi.suspend_data"),
    interactions: String(count), firstInteractionId: firstId, firstInteractionError: firstIdError, query: location.search,
    totalTime: get(is12 ? "cmi.core.total_time" : "cmi.total_time"),
  };
  var visit = (seen.suspendData ? Number(seen.suspendData.split("=")[1]) : 0) + 1;
  function answer() {
    set("cmi.interactions." + count + ".id", "pitanje-" + visit);
    set("cmi.interactions." + count + ".type", "choice");
    set("cmi.interactions." + count + ".correct_responses.0.pattern", "b");
    set("cmi.interactions." + count + "." + el.response, "b");
    set("cmi.interactions." + count + ".result", "correct");
    set(el.location, "korak-" + visit);
    set("cmi.suspend_data", "posete=" + visit);
    set(el.time, is12 ? "00:00:04" : "PT4S");
  }
  function end(state) {
    api[call.commit]("");
    api[call.finish]("");
    out.dataset.rejected = rejected.join(" ");
    out.dataset.state = state;
  }
  out.textContent = JSON.stringify(seen);
  out.dataset.state = "ready";
  document.getElementById("save").addEventListener("click", function () {
    answer();
    set(is12 ? "cmi.core.lesson_status" : "cmi.completion_status", "incomplete");
    set(el.exit, "suspend");
    end("saved");
  });
  document.getElementById("complete").addEventListener("click", function () {
    answer();
    if (is12) {
      set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100"); set("cmi.core.score.raw", "90");
      set("cmi.core.lesson_status", "passed");
      set(el.exit, "");
    } else {
      set("cmi.score.min", "0"); set("cmi.score.max", "100"); set("cmi.score.raw", "90"); set("cmi.score.scaled", "0.9");
      set("cmi.completion_status", "completed");
      set("cmi.success_status", "passed");
      set(el.exit, "normal");
    }
    end("completed");
  });
})();
`;

/** A SCO page at `depth` folders below the package root, loading the shared script. */
function scoPage(edition: ScormEdition, title: string, depth: number): string {
  const up = "../".repeat(depth);
  return `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="${up}zajednicko/stil.css"></head>
<body><h1>${title}</h1>
<output id="out" data-state="pending"></output>
<button id="save" type="button">Sačuvaj i prekini</button>
<button id="complete" type="button">Završi</button>
<script>window.scoEdition = ${JSON.stringify(edition)};</script>
<script src="${up}zajednicko/sco.js"></script>
</body></html>`;
}

export const oddScorm12CourseId = "com.example.odd-sco-scorm12";

/**
 * SCORM 1.2: the default organization is the second; the first SCO is two clusters deep under
 * xml:base "moduli/prvi%20deo/" with an href whose folder has a space; both SCOs depend on the
 * script asset, which depends on the style asset.
 */
export const oddScorm12Manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${oddScorm12CourseId}" version="2"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-puna">
    <organization identifier="org-kratka">
      <title>Kratka verzija</title>
      <item identifier="kratka-1" identifierref="res-provera">
        <title>Samo provera</title>
      </item>
    </organization>
    <organization identifier="org-puna">
      <title>Čudna SCORM 1.2 obuka</title>
      <item identifier="deo-1">
        <title>Deo 1</title>
        <item identifier="deo-1-a">
          <title>Deo 1a</title>
          <item identifier="sco-lekcija" identifierref="res-lekcija" parameters="?strana=1&amp;tema=plava">
            <title>Lekcija sa pitanjem</title>
            <adlcp:masteryscore>80</adlcp:masteryscore>
          </item>
        </item>
      </item>
      <item identifier="sco-provera" identifierref="res-provera">
        <title>Provera</title>
        <adlcp:prerequisites type="aicc_script">sco-lekcija</adlcp:prerequisites>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-lekcija" type="webcontent" adlcp:scormtype="sco" xml:base="moduli/prvi%20deo/" href="lekcija%20a/index.html">
      <file href="lekcija%20a/index.html"/>
      <dependency identifierref="res-skripta"/>
    </resource>
    <resource identifier="res-provera" type="webcontent" adlcp:scormtype="sco" href="provera.html">
      <file href="provera.html"/>
      <dependency identifierref="res-skripta"/>
    </resource>
    <resource identifier="res-skripta" type="webcontent" adlcp:scormtype="asset">
      <file href="zajednicko/sco.js"/>
      <dependency identifierref="res-stil"/>
    </resource>
    <resource identifier="res-stil" type="webcontent" adlcp:scormtype="asset">
      <file href="zajednicko/stil.css"/>
    </resource>
  </resources>
</manifest>
`;

export function oddScorm12Zip(): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: oddScorm12Manifest },
    { name: "moduli/prvi deo/lekcija a/index.html", content: scoPage("1.2", "Lekcija sa pitanjem", 3) },
    { name: "provera.html", content: scoPage("1.2", "Provera", 0) },
    { name: "zajednicko/sco.js", content: scoScript },
    { name: "zajednicko/stil.css", content: "body { font-family: sans-serif }" },
  ]);
}

export const oddScorm2004CourseId = (edition: Exclude<ScormEdition, "1.2">) => `com.example.odd-sco-${edition.replace(/\W+/g, "-").toLowerCase()}`;

/**
 * SCORM 2004 of the given edition: a cluster holding both SCOs under an organization with
 * choice and flow, the first SCO under xml:base "lekcije/prva%20lekcija/" with parameters, the
 * second with its own query in href; a completion threshold written the way its edition does
 * (3rd: element text; 4th: attributes; 2nd: none).
 */
export function oddScorm2004Manifest(edition: Exclude<ScormEdition, "1.2">): string {
  const threshold =
    edition === "2004 4th Edition"
      ? `<adlcp:completionThreshold minProgressMeasure="0.5"/>`
      : edition === "2004 3rd Edition"
        ? `<adlcp:completionThreshold>0.5</adlcp:completionThreshold>`
        : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${oddScorm2004CourseId(edition)}" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${edition}</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Čudna obuka (${edition})</title>
      <item identifier="modul">
        <title>Modul</title>
        <item identifier="sco-lekcija" identifierref="res-lekcija" parameters="?strana=1">
          <title>Lekcija sa pitanjem</title>
          ${threshold}
        </item>
        <item identifier="sco-provera" identifierref="res-provera">
          <title>Provera</title>
        </item>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-lekcija" type="webcontent" adlcp:scormType="sco" xml:base="lekcije/prva%20lekcija/" href="index.html">
      <file href="index.html"/>
      <dependency identifierref="res-skripta"/>
    </resource>
    <resource identifier="res-provera" type="webcontent" adlcp:scormType="sco" href="provera/index.html?deo=2">
      <file href="provera/index.html"/>
      <dependency identifierref="res-skripta"/>
    </resource>
    <resource identifier="res-skripta" type="webcontent" adlcp:scormType="asset">
      <file href="zajednicko/sco.js"/>
      <file href="zajednicko/stil.css"/>
    </resource>
  </resources>
</manifest>
`;
}

export function oddScorm2004Zip(edition: Exclude<ScormEdition, "1.2">): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: oddScorm2004Manifest(edition) },
    { name: "lekcije/prva lekcija/index.html", content: scoPage(edition, "Lekcija sa pitanjem", 2) },
    { name: "provera/index.html", content: scoPage(edition, "Provera", 1) },
    { name: "zajednicko/sco.js", content: scoScript },
    { name: "zajednicko/stil.css", content: "body { font-family: sans-serif }" },
  ]);
}
