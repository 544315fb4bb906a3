// A SCORM LMS stand-in for browser tests: a page on 127.0.0.1 that exposes the SCORM 1.2
// `API` or the SCORM 2004 `API_1484_11`, keeps the CMI values, records every call and
// hosts the built SCO in an iframe, as an LMS's player frame would.

/** The harness page; its query gives the version, the SCO url, the initial CMI values and how many commits to drop. */
export const harnessHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SCORM stand-in</title></head>
<body>
<script>
const params = new URLSearchParams(location.search);
const version = params.get("version");
const values = JSON.parse(params.get("cmi") || "{}");
let dropCommits = Number(params.get("dropCommits") || "0");
window.cmi = values;
window.calls = [];
const record = (call, result) => (window.calls.push(call), result);
const get = (name) => (element) => record([name, element], values[element] ?? "");
const set = (name) => (element, value) => { values[element] = String(value); return record([name, element, String(value)], "true"); };
const commit = (name) => (p) => record([name, p], dropCommits > 0 ? (dropCommits--, "false") : "true");
const plain = (name) => (p) => record([name, p], "true");
if (version === "1.2") {
  window.API = { LMSInitialize: plain("LMSInitialize"), LMSFinish: plain("LMSFinish"), LMSGetValue: get("LMSGetValue"), LMSSetValue: set("LMSSetValue"),
    LMSCommit: commit("LMSCommit"), LMSGetLastError: () => "0", LMSGetErrorString: () => "", LMSGetDiagnostic: () => "" };
} else {
  window.API_1484_11 = { Initialize: plain("Initialize"), Terminate: plain("Terminate"), GetValue: get("GetValue"), SetValue: set("SetValue"),
    Commit: commit("Commit"), GetLastError: () => "0", GetErrorString: () => "", GetDiagnostic: () => "" };
}
// Two frames deep, as many LMS players nest content: the SCO must walk up to find the API.
const outer = document.createElement("iframe");
outer.name = "player";
outer.srcdoc = '<!doctype html><title>player</title><iframe name="sco" style="width:900px;height:700px" src="' + new URL(params.get("sco"), location.href).href + '"></iframe>';
outer.style.width = "950px";
outer.style.height = "750px";
document.body.append(outer);
</script>
</body></html>`;
