// A hand-written SCORM 1.2 package whose SCO shows what it reads at launch (entry, mode,
// credit, status, location, suspend data, its interactions and objectives) and writes on
// every visit: a location and suspend data counting visits, one interaction per visit and
// objective "cilj-1"; buttons end the session suspended, passed or failed. Deterministic:
// session time 00:00:03 on every visit.
import { rawZip } from "../../support/raw-zip.js";

export const recordingCourseId = "com.example.recording-scorm12";

const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${recordingCourseId}" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Beleženje odgovora</title>
      <item identifier="sco-a" identifierref="res-sco">
        <title>Lekcija sa pitanjem</title>
      </item>
      <item identifier="sco-b" identifierref="res-sco" parameters="?deo=b">
        <title>Druga lekcija</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-sco" type="webcontent" adlcp:scormtype="sco" href="sco.html">
      <file href="sco.html"/>
    </resource>
  </resources>
</manifest>
`;

const scoPage = `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>SCO</title></head>
<body>
<output id="out" data-state="pending"></output>
<button id="suspend" type="button">Prekini</button>
<button id="pass" type="button">Položi</button>
<button id="fail" type="button">Padni</button>
<script>
  // RTE 3.3.6.1: look up the parents, then the opener.
  function findApi(win) {
    var tries = 0;
    while (!win.API && win.parent && win.parent !== win && tries < 7) { tries++; win = win.parent; }
    return win.API || (window.opener && window.opener.API) || null;
  }
  var api = findApi(window);
  var out = document.getElementById("out");
  if (!api) {
    out.dataset.state = "no-api";
  } else {
    api.LMSInitialize("");
    var get = function (element) { return api.LMSGetValue(element); };
    var objectives = [];
    for (var i = 0; i < Number(get("cmi.objectives._count")); i++) {
      objectives.push(get("cmi.objectives." + i + ".id") + "=" + get("cmi.objectives." + i + ".status"));
    }
    var seen = {
      entry: get("cmi.core.entry"),
      mode: get("cmi.core.lesson_mode"),
      credit: get("cmi.core.credit"),
      status: get("cmi.core.lesson_status"),
      location: get("cmi.core.lesson_location"),
      suspendData: get("cmi.suspend_data"),
      interactions: get("cmi.interactions._count"),
      objectives: objectives.join(","),
    };
    var visits = (seen.suspendData ? Number(seen.suspendData.split("=")[1]) : 0) + 1;
    api.LMSSetValue("cmi.core.lesson_location", "strana-" + visits);
    api.LMSSetValue("cmi.suspend_data", "posete=" + visits);
    var n = Number(seen.interactions);
    api.LMSSetValue("cmi.interactions." + n + ".id", "pitanje-" + visits);
    api.LMSSetValue("cmi.interactions." + n + ".type", "choice");
    api.LMSSetValue("cmi.interactions." + n + ".student_response", "a");
    api.LMSSetValue("cmi.interactions." + n + ".result", "correct");
    api.LMSSetValue("cmi.objectives.0.id", "cilj-1");
    api.LMSSetValue("cmi.objectives.0.status", visits >= 2 ? "passed" : "incomplete");
    api.LMSSetValue("cmi.core.session_time", "00:00:03");
    if (seen.status === "not attempted") api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
    out.textContent = JSON.stringify(seen);
    out.dataset.state = "ready";
    var finish = function (status, raw, exit) {
      if (status) { api.LMSSetValue("cmi.core.lesson_status", status); api.LMSSetValue("cmi.core.score.raw", raw); }
      api.LMSSetValue("cmi.core.exit", exit);
      api.LMSFinish("");
      out.dataset.state = "finished";
    };
    document.getElementById("suspend").addEventListener("click", function () { finish("", "", "suspend"); });
    document.getElementById("pass").addEventListener("click", function () { finish("passed", "90", ""); });
    document.getElementById("fail").addEventListener("click", function () { finish("failed", "10", ""); });
  }
</script>
</body></html>`;

export function recordingScorm12Zip(): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: manifest },
    { name: "sco.html", content: scoPage },
  ]);
}
