// Hand-written packages of every format, each with a deliberately odd but valid structure
// (nested items, resources in sub-folders reached through xml:base, several organizations
// with the second as default, manifest-level metadata, a BOM, a nested zip). Tests
// validate the manifests against the official XSDs, so "valid" is checked, not assumed.
import { rawZip } from "../../support/raw-zip.js";

export const page = (title: string) => `<!doctype html><html lang="sr"><head><meta charset="utf-8"><title>${title}</title></head><body><p>${title}</p></body></html>`;

export const scorm12Manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.odd-scorm12" version="1.3"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xml:base="content/">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>meta/course.xml</adlcp:location>
  </metadata>
  <organizations default="org-full">
    <organization identifier="org-short">
      <title>Kratka verzija</title>
      <item identifier="short-1" identifierref="res-intro">
        <title>Uvod</title>
      </item>
    </organization>
    <organization identifier="org-full">
      <title>Hraniteljstvo: puna obuka</title>
      <item identifier="part-1">
        <title>Deo 1</title>
        <item identifier="part-1-a">
          <title>Deo 1a</title>
          <item identifier="lesson-1" identifierref="res-intro" parameters="?strana=2">
            <title>Lekcija 1</title>
            <adlcp:masteryscore>80</adlcp:masteryscore>
            <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>
            <adlcp:timelimitaction>continue,no message</adlcp:timelimitaction>
            <adlcp:datafromlms>mode=review</adlcp:datafromlms>
          </item>
        </item>
      </item>
      <item identifier="lesson-2" identifierref="res-quiz" isvisible="false">
        <title>Provera</title>
        <adlcp:prerequisites type="aicc_script">lesson-1</adlcp:prerequisites>
      </item>
    </organization>
  </organizations>
  <resources xml:base="sco/">
    <resource identifier="res-intro" type="webcontent" adlcp:scormtype="sco" href="uvod/index.html" xml:base="modul%201/">
      <file href="uvod/index.html"/>
      <file href="uvod/slika.svg"/>
      <dependency identifierref="res-shared"/>
    </resource>
    <resource identifier="res-quiz" type="webcontent" adlcp:scormtype="sco" href="quiz.html">
      <file href="quiz.html"/>
    </resource>
    <resource identifier="res-shared" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/api.js"/>
    </resource>
  </resources>
</manifest>
`;

export function scorm12Zip(manifest = scorm12Manifest): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: manifest },
    { name: "content/meta/course.xml", content: "<lom/>" },
    { name: "content/sco/modul 1/uvod/index.html", content: page("Uvod") },
    { name: "content/sco/modul 1/uvod/slika.svg", content: `<svg xmlns="http://www.w3.org/2000/svg"/>` },
    { name: "content/sco/quiz.html", content: page("Provera") },
    { name: "content/sco/shared/api.js", content: "/* shared */" },
  ]);
}

export function scorm2004Manifest(edition: "CAM 1.3" | "2004 3rd Edition" | "2004 4th Edition" = "2004 4th Edition"): string {
  const threshold =
    edition === "2004 4th Edition"
      ? `<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75" progressWeight="0.5"/>`
      : edition === "2004 3rd Edition"
        ? `<adlcp:completionThreshold>0.6</adlcp:completionThreshold>`
        : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.odd-scorm2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${edition}</schemaversion>
    <lom:lom><lom:general><lom:title><lom:string language="sr-Latn">Rad sa porodicom</lom:string></lom:title></lom:general></lom:lom>
  </metadata>
  <organizations default="org-main">
    <organization identifier="org-main" adlseq:objectivesGlobalToSystem="false">
      <title>Rad sa porodicom</title>
      <item identifier="module-1">
        <title>Modul 1</title>
        <item identifier="sco-1" identifierref="res-sco-1">
          <title>Lekcija 1</title>
          ${threshold}
          <imsss:sequencing IDRef="seq-common">
            <imsss:objectives>
              <imsss:primaryObjective objectiveID="obj-sco-1" satisfiedByMeasure="true">
                <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
                <imsss:mapInfo targetObjectiveID="urn:obuka:obj:modul-1" writeSatisfiedStatus="true"/>
              </imsss:primaryObjective>
              <imsss:objective objectiveID="obj-extra"/>
            </imsss:objectives>
          </imsss:sequencing>
          <adlnav:presentation>
            <adlnav:navigationInterface>
              <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
              <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
            </adlnav:navigationInterface>
          </adlnav:presentation>
        </item>
        <item identifier="sco-2" identifierref="res-sco-2" parameters="deo=2">
          <title>Lekcija 2</title>
          <imsss:sequencing IDRef="seq-common"/>
        </item>
        <imsss:sequencing>
          <imsss:controlMode choice="false" flow="true" forwardOnly="true"/>
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions conditionCombination="any">
                <imsss:ruleCondition condition="satisfied"/>
                <imsss:ruleCondition condition="attemptLimitExceeded" operator="not"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="skip"/>
            </imsss:preConditionRule>
            <imsss:postConditionRule>
              <imsss:ruleConditions>
                <imsss:ruleCondition condition="objectiveMeasureGreaterThan" measureThreshold="0.5" referencedObjective="obj-module"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="exitParent"/>
            </imsss:postConditionRule>
          </imsss:sequencingRules>
          <imsss:limitConditions attemptLimit="3"/>
          <imsss:rollupRules objectiveMeasureWeight="0.5">
            <imsss:rollupRule childActivitySet="atLeastCount" minimumCount="1">
              <imsss:rollupConditions>
                <imsss:rollupCondition condition="satisfied"/>
              </imsss:rollupConditions>
              <imsss:rollupAction action="satisfied"/>
            </imsss:rollupRule>
          </imsss:rollupRules>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="obj-module"/>
          </imsss:objectives>
          <imsss:randomizationControls reorderChildren="true" randomizationTiming="onEachNewAttempt"/>
          <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-sco-1" type="webcontent" adlcp:scormType="sco" href="lekcije/1/index.html">
      <file href="lekcije/1/index.html"/>
      <file href="lekcije/1/video.webm"/>
      <dependency identifierref="res-common"/>
    </resource>
    <resource identifier="res-sco-2" type="webcontent" adlcp:scormType="sco" xml:base="lekcije/2/" href="index.html?jezik=sr">
      <file href="index.html"/>
    </resource>
    <resource identifier="res-common" type="webcontent" adlcp:scormType="asset">
      <file href="zajednicko/stil.css"/>
    </resource>
  </resources>
  <imsss:sequencingCollection>
    <imsss:sequencing ID="seq-common">
      <imsss:controlMode choiceExit="false"/>
      <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>
`;
}

/**
 * The same manifest with sequencing a learner can walk in order: under SCORM 2004 sequencing the
 * module's skip rule ("any: satisfied, not attemptLimitExceeded") skips the whole course and
 * reorderChildren shuffles its SCOs per learner, which tests about launching and progress do
 * not want.
 */
export function scorm2004FlowManifest(): string {
  return scorm2004Manifest()
    .replace('<imsss:ruleCondition condition="attemptLimitExceeded" operator="not"/>', '<imsss:ruleCondition condition="attemptLimitExceeded"/>')
    .replace('reorderChildren="true"', 'reorderChildren="false"');
}

export function scorm2004Zip(manifest = scorm2004Manifest()): Buffer {
  return rawZip([
    { name: "imsmanifest.xml", content: manifest },
    { name: "lekcije/1/index.html", content: page("Lekcija 1") },
    { name: "lekcije/1/video.webm", content: Buffer.alloc(64, 1) },
    { name: "lekcije/2/index.html", content: page("Lekcija 2") },
    { name: "zajednicko/stil.css", content: "body { margin: 0 }" },
  ]);
}

/** tincan.xml with a UTF-8 byte order mark, launching a page in a sub-folder with a query. */
export const tincanXml = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.org/xapi/modul-a" type="http://adlnet.gov/expapi/activities/module">
      <name lang="sr-Latn">Modul A</name>
      <launch lang="sr-Latn">moduli/a.html</launch>
    </activity>
    <activity id="https://example.org/xapi/kurs" type="http://adlnet.gov/expapi/activities/course">
      <name lang="sr-Latn">Kurs sa BOM oznakom</name>
      <name lang="en">Course with a BOM</name>
      <description lang="sr-Latn">Opis kursa</description>
      <launch lang="sr-Latn">start/index.html?od=pocetka</launch>
    </activity>
    <activity id="https://example.org/xapi/pitanje-1" type="http://adlnet.gov/expapi/activities/cmi.interaction">
      <name lang="sr-Latn">Pitanje 1</name>
    </activity>
  </activities>
</tincan>
`;

export function xapiZip(xml = tincanXml): Buffer {
  return rawZip([
    { name: "tincan.xml", content: xml },
    { name: "start/index.html", content: page("Početak") },
    { name: "moduli/a.html", content: page("Modul A") },
  ]);
}

export const cmi5Xml = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/cmi5/odd">
    <title><langstring lang="sr-Latn">Čudna cmi5 obuka</langstring></title>
    <description><langstring lang="sr-Latn">Blokovi u blokovima</langstring></description>
  </course>
  <objectives>
    <objective id="https://example.org/cmi5/odd/objective/1">
      <title><langstring lang="sr-Latn">Cilj</langstring></title>
      <description><langstring lang="sr-Latn">Opis cilja</langstring></description>
    </objective>
  </objectives>
  <block id="https://example.org/cmi5/odd/block/outer">
    <title><langstring lang="sr-Latn">Spoljni blok</langstring></title>
    <description><langstring lang="sr-Latn">Opis</langstring></description>
    <block id="https://example.org/cmi5/odd/block/inner">
      <title><langstring lang="sr-Latn">Unutrašnji blok</langstring></title>
      <description><langstring lang="sr-Latn">Opis</langstring></description>
      <au id="https://example.org/cmi5/odd/au/1" moveOn="Passed" masteryScore="0.8" launchMethod="OwnWindow">
        <title><langstring lang="sr-Latn">Jedinica 1</langstring></title>
        <description><langstring lang="sr-Latn">Opis</langstring></description>
        <url>au/jedan/index.html?tema=plava</url>
      </au>
    </block>
  </block>
  <au id="https://example.org/cmi5/odd/au/2">
    <title><langstring lang="sr-Latn">Spoljna jedinica</langstring></title>
    <description><langstring lang="sr-Latn">Sadržaj na drugom mestu</langstring></description>
    <url>https://content.example.org/au/2/</url>
  </au>
</courseStructure>
`;

export function cmi5Zip(xml = cmi5Xml): Buffer {
  return rawZip([
    { name: "cmi5.xml", content: xml },
    { name: "au/jedan/index.html", content: page("Jedinica 1") },
  ]);
}
