// A cmi5 package we did not build with `obuka build`: plain HTML and JavaScript written straight
// from the cmi5 spec (8.1 launch parameters, 8.2 fetch URL, 10 LMS.LaunchData, 9 statements on
// the contextTemplate), with an odd but valid structure: nested blocks, an AU in a sub-folder
// with its own query string, an OwnWindow AU and an AU whose moveOn is NotApplicable.
import { rawZip } from "../../support/raw-zip.js";

export const handwrittenCourseId = "https://example.org/cmi5/rucno";
export const handwrittenIds = {
  outerBlock: `${handwrittenCourseId}/blok/spoljni`,
  innerBlock: `${handwrittenCourseId}/blok/unutrasnji`,
  /** AnyWindow, in jedinice/prva/ with its own query string, moveOn CompletedAndPassed. */
  framed: `${handwrittenCourseId}/au/prva`,
  /** OwnWindow, moveOn Completed. */
  ownWindow: `${handwrittenCourseId}/au/druga`,
  /** moveOn NotApplicable, the same page with another query string. */
  notApplicable: `${handwrittenCourseId}/au/dodatak`,
};

const cmi5Xml = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${handwrittenCourseId}">
    <title><langstring lang="sr-Latn">Ručno pisana obuka</langstring><langstring lang="en">Hand-written course</langstring></title>
    <description><langstring lang="sr-Latn">Paket koji nije napravio obuka</langstring></description>
  </course>
  <block id="${handwrittenIds.outerBlock}">
    <title><langstring lang="sr-Latn">Spoljni blok</langstring></title>
    <description><langstring lang="sr-Latn">Opis</langstring></description>
    <block id="${handwrittenIds.innerBlock}">
      <title><langstring lang="sr-Latn">Unutrašnji blok</langstring></title>
      <description><langstring lang="sr-Latn">Opis</langstring></description>
      <au id="${handwrittenIds.framed}" moveOn="CompletedAndPassed" masteryScore="0.5">
        <title><langstring lang="sr-Latn">Prva jedinica</langstring></title>
        <description><langstring lang="sr-Latn">U okviru plejera</langstring></description>
        <url>jedinice/prva/au.html?nivo=2&amp;boja=zelena</url>
      </au>
    </block>
    <au id="${handwrittenIds.ownWindow}" moveOn="Completed" launchMethod="OwnWindow">
      <title><langstring lang="sr-Latn">Druga jedinica</langstring></title>
      <description><langstring lang="sr-Latn">U svom prozoru</langstring></description>
      <url>jedinice/druga/au.html</url>
    </au>
  </block>
  <au id="${handwrittenIds.notApplicable}" moveOn="NotApplicable" launchMethod="AnyWindow">
    <title><langstring lang="sr-Latn">Dodatak</langstring></title>
    <description><langstring lang="sr-Latn">Ne računa se</langstring></description>
    <url>jedinice/prva/au.html?nivo=dodatak</url>
  </au>
</courseStructure>
`;

const auPage = (title: string) => `<!doctype html>
<html lang="sr-Latn"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<p id="status" data-state="starting">...</p>
<p id="query"></p>
<p id="bookmark"></p>
<button id="finish" type="button" disabled>Završi</button>
<button id="leave" type="button" disabled>Prekini za sada</button>
<script src="../au.js"></script>
</body></html>`;

/** The AU's side of cmi5, as a content vendor would write it without our runtime. */
const auScript = `"use strict";
(async function () {
  var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var status = document.getElementById("status");
  var query = new URLSearchParams(window.location.search);
  var endpoint = query.get("endpoint");
  var actor = JSON.parse(query.get("actor"));
  var registration = query.get("registration");
  var activityId = query.get("activityId");
  document.getElementById("query").textContent = "nivo=" + query.get("nivo") + " boja=" + query.get("boja");
  var startedAt = Date.now();
  function fail(message) { status.dataset.state = "error"; status.textContent = message; }
  try {
    var fetched = await (await fetch(query.get("fetch"), { method: "POST" })).json();
    if (!fetched["auth-token"]) return fail("fetch: " + JSON.stringify(fetched));
    var headers = { Authorization: "Basic " + fetched["auth-token"], "X-Experience-API-Version": "1.0.3" };
    var stateQuery = new URLSearchParams({ stateId: "LMS.LaunchData", activityId: activityId, agent: JSON.stringify(actor), registration: registration });
    var launchData = await (await fetch(endpoint + "activities/state?" + stateQuery, { headers: headers })).json();
    var template = launchData.contextTemplate;
    // 11.0.0.0-3: an AU reads the learner preferences before Initialized.
    var preferencesQuery = new URLSearchParams({ profileId: "cmi5LearnerPreferences", agent: JSON.stringify(actor) });
    var preferences = await fetch(endpoint + "agents/profile?" + preferencesQuery, { headers: headers });
    document.documentElement.lang = preferences.ok ? ((await preferences.json()).languagePreference || "sr-Latn").split(",")[0] : "sr-Latn";
    var send = async function (verb, result, judged, extensions) {
      var contextExtensions = Object.assign({}, template.extensions, extensions || {});
      var statement = {
        id: crypto.randomUUID(),
        timestamp: new Date().toISOString(),
        actor: actor,
        verb: { id: verb, display: { "en-US": verb.split("/").pop() } },
        object: { objectType: "Activity", id: activityId },
        context: {
          registration: registration,
          contextActivities: Object.assign({}, template.contextActivities, { category: judged ? [{ id: CMI5 }, { id: MOVEON }] : [{ id: CMI5 }] }),
          extensions: contextExtensions,
        },
      };
      if (result) statement.result = result;
      var response = await fetch(endpoint + "statements", { method: "POST", headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify(statement) });
      if (!response.ok) throw new Error(verb + ": " + response.status + " " + (await response.text()));
    };
    var duration = function () { return "PT" + Math.max(0.01, (Date.now() - startedAt) / 1000).toFixed(2) + "S"; };
    await send("http://adlnet.gov/expapi/verbs/initialized");
    // Resume, the way cmi5 leaves it to the AU: its own state document under the registration,
    // read at launch and advanced on every visit.
    var bookmarkUrl = endpoint + "activities/state?" + new URLSearchParams({ stateId: "bookmark", activityId: activityId, agent: JSON.stringify(actor), registration: registration });
    var saved = await fetch(bookmarkUrl, { headers: headers });
    var visits = saved.status === 200 ? (await saved.json()).visits : 0;
    document.getElementById("bookmark").textContent = "visits=" + visits;
    var stored = await fetch(bookmarkUrl, { method: "PUT", headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify({ visits: visits + 1 }) });
    if (!stored.ok) return fail("bookmark: " + stored.status);
    status.dataset.state = "ready";
    status.textContent = "launchMode=" + launchData.launchMode + " moveOn=" + launchData.moveOn;
    var finish = document.getElementById("finish");
    var leave = document.getElementById("leave");
    finish.disabled = false;
    leave.disabled = false;
    // Leaving before the end: Terminated without a result, back to the LMS (cmi5 9.3.8).
    leave.addEventListener("click", async function () {
      leave.disabled = true;
      try {
        await send("http://adlnet.gov/expapi/verbs/terminated", { duration: duration() }, false);
        status.dataset.state = "terminated";
        if (launchData.returnURL) window.location.assign(launchData.returnURL);
      } catch (error) { fail(String(error)); }
    });
    finish.addEventListener("click", async function () {
      finish.disabled = true;
      try {
        await send("http://adlnet.gov/expapi/verbs/completed", { completion: true, duration: duration() }, true);
        if (typeof launchData.masteryScore === "number") {
          await send("http://adlnet.gov/expapi/verbs/passed", { success: true, score: { scaled: 0.9 }, duration: duration() }, true,
            { "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": launchData.masteryScore });
        }
        await send("http://adlnet.gov/expapi/verbs/terminated", { duration: duration() }, false);
        status.dataset.state = "terminated";
        if (launchData.returnURL) window.location.assign(launchData.returnURL);
      } catch (error) { fail(String(error)); }
    });
  } catch (error) { fail(String(error)); }
})();
`;

export function handwrittenCmi5Zip(): Buffer {
  return rawZip([
    { name: "cmi5.xml", content: cmi5Xml },
    { name: "jedinice/au.js", content: auScript, deflate: true },
    { name: "jedinice/prva/au.html", content: auPage("Prva jedinica") },
    { name: "jedinice/druga/au.html", content: auPage("Druga jedinica") },
  ]);
}
