// An xAPI (TinCan) package we did not build with `obuka build`: plain HTML and JavaScript written
// straight from Rustici's launch document (RusticiSoftware/launch, lms_lrs.md: endpoint, auth,
// actor, registration and activity_id in the query string; statements and a resume document in
// the State API), with an odd but valid structure: tincan.xml with a UTF-8 BOM, a course and two
// modules of different types, launch files in a sub-folder with their own query string, and the
// shared script in another folder.
import { rawZip } from "../../support/raw-zip.js";

export const tincanCourseId = "https://example.org/tincan/rucno";
export const tincanIds = {
  /** type course, launches the overview page. */
  course: tincanCourseId,
  /** type module, `lekcije/strana.html?modul=prvi&boja=plava`. */
  lesson: `${tincanCourseId}/moduli/lekcija`,
  /** type assessment, the same page with another query string. */
  assessment: `${tincanCourseId}/moduli/provera`,
  /** an interaction of the assessment, not launchable. */
  question: `${tincanCourseId}/moduli/provera/pitanje-1`,
};
export const resumeStateId = "https://example.org/tincan/rucno/stanje";

const tincanXml = `\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="${tincanIds.lesson}" type="http://adlnet.gov/expapi/activities/module">
      <name lang="sr-Latn">Lekcija</name>
      <name lang="en">Lesson</name>
      <description lang="sr-Latn">Prvi modul</description>
      <launch lang="sr-Latn">lekcije/strana.html?modul=prvi&amp;boja=plava</launch>
    </activity>
    <activity id="${tincanIds.question}" type="http://adlnet.gov/expapi/activities/cmi.interaction">
      <name lang="sr-Latn">Pitanje 1</name>
      <description lang="sr-Latn">Pitanje bez pokretanja</description>
      <interactionType>choice</interactionType>
    </activity>
    <activity id="${tincanIds.course}" type="http://adlnet.gov/expapi/activities/course">
      <name lang="sr-Latn">Ručno pisan TinCan paket</name>
      <description lang="sr-Latn">Paket koji nije napravio obuka</description>
      <launch lang="sr-Latn">lekcije/strana.html?modul=pregled</launch>
    </activity>
    <activity id="${tincanIds.assessment}" type="http://adlnet.gov/expapi/activities/assessment">
      <name lang="sr-Latn">Provera</name>
      <description lang="sr-Latn">Drugi modul</description>
      <launch lang="sr-Latn">lekcije/strana.html?modul=drugi</launch>
    </activity>
  </activities>
</tincan>
`;

const page = `<!doctype html>
<html lang="sr-Latn"><head><meta charset="utf-8"><title>Ručni TinCan sadržaj</title></head>
<body>
<h1>Ručni TinCan sadržaj</h1>
<p id="status" data-state="starting">...</p>
<p id="query"></p>
<p id="resume"></p>
<label for="place">Mesto</label> <input id="place" type="text">
<button id="finish" type="button" disabled>Završi</button>
<button id="foreign" type="button" disabled>Tuđa izjava</button>
<p id="foreign-result"></p>
<script src="../zajednicko/tincan.js"></script>
</body></html>`;

/** The content's side of the launch, as a content vendor would write it without our runtime. */
const script = `"use strict";
(async function () {
  var status = document.getElementById("status");
  var query = new URLSearchParams(window.location.search);
  var endpoint = query.get("endpoint");
  if (endpoint.charAt(endpoint.length - 1) !== "/") endpoint += "/";
  var auth = query.get("auth");
  var actor = JSON.parse(query.get("actor"));
  var registration = query.get("registration");
  var activityId = query.get("activity_id");
  document.getElementById("query").textContent = "modul=" + query.get("modul") + " boja=" + query.get("boja");
  var headers = { Authorization: auth, "X-Experience-API-Version": "1.0.3" };
  var stateUrl = endpoint + "activities/state?" + new URLSearchParams({
    activityId: activityId, agent: JSON.stringify(actor), registration: registration, stateId: "${resumeStateId}",
  });
  function fail(message) { status.dataset.state = "error"; status.textContent = message; }
  function statement(verb, result, who) {
    var s = {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      actor: who || actor,
      verb: { id: "http://adlnet.gov/expapi/verbs/" + verb, display: { "en-US": verb } },
      object: { objectType: "Activity", id: activityId },
      context: { registration: registration, contextActivities: { grouping: [{ id: "${tincanCourseId}" }] } },
    };
    if (result) s.result = result;
    return s;
  }
  function post(s) {
    return fetch(endpoint + "statements", { method: "POST", headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify(s) });
  }
  async function send(verb, result) {
    var response = await post(statement(verb, result));
    if (!response.ok) throw new Error(verb + ": " + response.status + " " + (await response.text()));
  }
  try {
    var saved = await fetch(stateUrl, { headers: headers });
    var resume = saved.status === 404 ? null : saved.ok ? await saved.json() : (function () { throw new Error("state: " + saved.status); })();
    document.getElementById("resume").textContent = resume ? "nastavak: " + resume.place : "nastavak: nema";
    if (resume) document.getElementById("place").value = resume.place;
    await send("initialized");
    status.dataset.state = "ready";
    status.textContent = "activity_id=" + activityId;
    var finish = document.getElementById("finish");
    var foreign = document.getElementById("foreign");
    finish.disabled = false;
    foreign.disabled = false;
    foreign.addEventListener("click", async function () {
      var other = { objectType: "Agent", account: { homePage: actor.account.homePage, name: "neko-drugi" } };
      var response = await post(statement("experienced", null, other));
      document.getElementById("foreign-result").textContent = response.status + " " + (await response.text());
    });
    finish.addEventListener("click", async function () {
      finish.disabled = true;
      try {
        await send("completed", { completion: true });
        await send("passed", { success: true, score: { scaled: 0.8 } });
        var put = await fetch(stateUrl, { method: "PUT", headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify({ place: document.getElementById("place").value }) });
        if (put.status !== 204) throw new Error("state PUT: " + put.status + " " + (await put.text()));
        await send("terminated");
        status.dataset.state = "terminated";
        status.textContent = "kraj";
      } catch (error) { fail(String(error)); }
    });
  } catch (error) { fail(String(error)); }
})();
`;

export function handwrittenTincanZip(): Buffer {
  return rawZip([
    { name: "tincan.xml", content: tincanXml },
    { name: "zajednicko/tincan.js", content: script, deflate: true },
    { name: "lekcije/strana.html", content: page },
  ]);
}
