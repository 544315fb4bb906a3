// A hand-written SCORM 2004 4th ed. package that leans on sequencing: a pretest writes the
// global objective "mastery"; the lesson reads it and has a precondition `skip` on
// `satisfied` (a learner who passed the pretest never sees it); the quiz has a post condition
// `retry` on `not satisfied` and attemptLimit 2; a summary closes the course. One SCO page
// serves every item (its role comes from the item's parameters) and shows what the LMS gave
// it; its buttons report a result, ask to continue and terminate.
import { rawZip } from "../../support/raw-zip.js";

export const masteryObjective = "urn:obuka:test:mastery";

export const sequencingManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.sequencing-rules" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org-pravila">
    <organization identifier="org-pravila">
      <title>Pravila sekvenciranja</title>
      <item identifier="pretest" identifierref="res-sco" parameters="?uloga=pretest">
        <title>Ulazni test</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="pretest-objective">
              <imsss:mapInfo targetObjectiveID="${masteryObjective}" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
      <item identifier="lesson" identifierref="res-sco" parameters="?uloga=lekcija">
        <title>Lekcija</title>
        <imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
              <imsss:ruleAction action="skip"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="lesson-objective">
              <imsss:mapInfo targetObjectiveID="${masteryObjective}" readSatisfiedStatus="true"/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
      <item identifier="quiz" identifierref="res-sco" parameters="?uloga=kviz">
        <title>Završni kviz</title>
        <imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:postConditionRule>
              <imsss:ruleConditions><imsss:ruleCondition condition="satisfied" operator="not"/></imsss:ruleConditions>
              <imsss:ruleAction action="retry"/>
            </imsss:postConditionRule>
          </imsss:sequencingRules>
          <imsss:limitConditions attemptLimit="2"/>
        </imsss:sequencing>
      </item>
      <item identifier="summary" identifierref="res-sco" parameters="?uloga=zakljucak">
        <title>Zaključak</title>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-sco" type="webcontent" adlcp:scormType="sco" href="sco.html">
      <file href="sco.html"/>
    </resource>
  </resources>
</manifest>
`;

const scoPage = `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>SCO</title></head>
<body>
<output id="out" data-state="pending"></output>
<button id="pass" type="button">Položi</button>
<button id="fail" type="button">Padni</button>
<button id="done" type="button">Završi</button>
<script>
  var api = window.parent && window.parent.API_1484_11;
  var out = document.getElementById("out");
  if (!api) {
    out.dataset.state = "no-api";
  } else {
    api.Initialize("");
    var count = Number(api.GetValue("cmi.objectives._count"));
    var objectives = [];
    for (var i = 0; i < count; i++) {
      objectives.push(api.GetValue("cmi.objectives." + i + ".id") + "=" + api.GetValue("cmi.objectives." + i + ".success_status"));
    }
    out.textContent = JSON.stringify({
      role: new URLSearchParams(location.search).get("uloga"),
      entry: api.GetValue("cmi.entry"),
      objectives: objectives,
      continueValid: api.GetValue("adl.nav.request_valid.continue"),
      previousValid: api.GetValue("adl.nav.request_valid.previous"),
      choiceQuiz: api.GetValue("adl.nav.request_valid.choice.{target=quiz}"),
      choiceUnknown: api.GetValue("adl.nav.request_valid.choice.{target=nowhere}")
    });
    out.dataset.state = "ready";
    function finish(success, scaled) {
      api.SetValue("cmi.completion_status", "completed");
      if (success) { api.SetValue("cmi.success_status", success); api.SetValue("cmi.score.scaled", scaled); }
      api.SetValue("cmi.session_time", "PT1S");
      api.SetValue("adl.nav.request", "continue");
      api.Terminate("");
      out.dataset.state = "finished";
    }
    document.getElementById("pass").addEventListener("click", function () { finish("passed", "0.9"); });
    document.getElementById("fail").addEventListener("click", function () { finish("failed", "0.3"); });
    document.getElementById("done").addEventListener("click", function () { finish("", ""); });
  }
</script>
</body></html>`;

export function sequencingPackageZip(): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: sequencingManifest },
    { name: "sco.html", content: scoPage },
  ]);
}
