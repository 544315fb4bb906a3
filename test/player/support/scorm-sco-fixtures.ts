// A hand-written SCORM 2004 package with an odd but valid structure: two SCOs inside a
// cluster, both launching one resource that lives in a sub-folder reached through xml:base,
// with item parameters; the page the LMS launches is a frameset whose inner frame holds the
// SCO script, so the API is found two windows up by the standard discovery algorithm.
// The SCO is deterministic: it reports a session time of 2.5 s, counts its visits in
// suspend_data and completes and passes on the second visit.
import { rawZip } from "../../support/raw-zip.js";

export const nestedFramesManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.nested-frames" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org-okviri">
    <organization identifier="org-okviri">
      <title>Ugnježdeni okviri</title>
      <item identifier="cluster-a">
        <title>Celina A</title>
        <item identifier="sco-1" identifierref="res-okviri" parameters="?deo=1">
          <title>Prvi deo</title>
        </item>
        <item identifier="sco-2" identifierref="res-okviri" parameters="?deo=2">
          <title>Drugi deo</title>
        </item>
        <imsss:sequencing>
          <imsss:controlMode choice="true" flow="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources xml:base="duboko/">
    <resource identifier="res-okviri" type="webcontent" adlcp:scormType="sco" xml:base="sco/" href="okviri/spolja.html">
      <file href="okviri/spolja.html"/>
      <file href="okviri/unutra/sco.html"/>
    </resource>
  </resources>
</manifest>
`;

const outerPage = `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>Spoljni okvir</title></head>
<body><iframe id="inner" title="Unutrašnji okvir" style="width:100%;height:300px"></iframe>
<script>document.getElementById("inner").src = "unutra/sco.html" + location.search;</script></body></html>`;

const scoPage = `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>SCO</title></head>
<body>
<output id="out" data-state="pending"></output>
<button id="finish" type="button">Završi</button>
<button id="continue" type="button">Dalje</button>
<button id="choose-first" type="button">Na prvi deo</button>
<script>
  // RTE 3.3.6.1: look up the parents, at most 7 levels, then the opener.
  function findApi(win) {
    var tries = 0;
    while (!win.API_1484_11 && win.parent && win.parent !== win && tries < 7) { tries++; win = win.parent; }
    return win.API_1484_11 || (window.opener && window.opener.API_1484_11) || null;
  }
  var api = findApi(window);
  var out = document.getElementById("out");
  if (!api) {
    out.dataset.state = "no-api";
  } else {
    api.Initialize("");
    var seen = {
      entry: api.GetValue("cmi.entry"),
      location: api.GetValue("cmi.location"),
      suspendData: api.GetValue("cmi.suspend_data"),
      totalTime: api.GetValue("cmi.total_time"),
      learnerId: api.GetValue("cmi.learner_id"),
      part: new URLSearchParams(location.search).get("deo")
    };
    var visits = (seen.suspendData ? Number(seen.suspendData.split("=")[1]) : 0) + 1;
    api.SetValue("cmi.location", "korak-" + visits);
    api.SetValue("cmi.suspend_data", "posete=" + visits);
    api.SetValue("cmi.session_time", "PT2.5S");
    api.SetValue("cmi.completion_status", visits >= 2 ? "completed" : "incomplete");
    if (visits >= 2) { api.SetValue("cmi.score.scaled", "0.9"); api.SetValue("cmi.success_status", "passed"); }
    api.Commit("");
    out.textContent = JSON.stringify(seen);
    out.dataset.state = "ready";
    document.getElementById("finish").addEventListener("click", function () {
      api.SetValue("cmi.exit", "suspend");
      api.Terminate("");
      out.dataset.state = "finished";
    });
    document.getElementById("choose-first").addEventListener("click", function () {
      api.SetValue("adl.nav.request", "{target=sco-1}choice");
      api.Terminate("");
    });
    document.getElementById("continue").addEventListener("click", function () {
      api.SetValue("cmi.exit", "suspend");
      api.SetValue("adl.nav.request", "continue");
      api.Terminate("");
    });
  }
</script>
</body></html>`;

export function nestedFramesZip(): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: nestedFramesManifest },
    { name: "duboko/sco/okviri/spolja.html", content: outerPage },
    { name: "duboko/sco/okviri/unutra/sco.html", content: scoPage },
  ]);
}
