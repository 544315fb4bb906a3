// The SCORM run-time over real HTTP with the real SQLite files: an attempt's interactions and
// objectives come back on resume (1.2 and 2004); a finished attempt opens in review (no
// credit, nothing recorded); browse is asked for, on a SCO not started only.
import { expect } from "chai";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { nestedFramesZip } from "../support/scorm-sco-fixtures.js";
import { recordingScorm12Zip } from "../support/scorm12-recording-sco.js";

interface LaunchData { sessionId: string; commitUrl: string; cmi: Record<string, unknown> & { core?: Record<string, unknown> } }

/** What the SCORM launch page hands its script (data-launch, HTML-escaped JSON). */
function launchDataOf(html: string): LaunchData {
  const raw = /data-launch="([^"]*)"/.exec(html)?.[1];
  expect(raw, "the SCORM launch page").to.be.a("string");
  const decoded = raw!.replace(/&quot;/g, '"').replace(/&#x3D;/g, "=").replace(/&#x27;/g, "'").replace(/&#x60;/g, "`").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(decoded) as LaunchData;
}

/** CMI data as scorm-again commits it: collections as objects keyed by index, with counts. */
const interactions12 = {
  _count: 2,
  "0": { id: "pitanje-1", type: "choice", student_response: "a", result: "correct", weighting: "", objectives: { "0": { id: "cilj-1" } }, correct_responses: { "0": { pattern: "a" } } },
  "1": { id: "pitanje-2", type: "true-false", student_response: "t", result: "wrong", objectives: {}, correct_responses: {} },
};
const objectives12 = { "0": { id: "cilj-1", status: "incomplete", score: { raw: "40", min: "", max: "" } } };

describe("player: SCORM resume data, review and browse over HTTP", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let scorm12: string;
  let scorm2004: string;
  const logged: unknown[] = [];

  const open = async (query: string) => {
    const page = await learner.page(`/scorm/launch?${query}`);
    expect(page.status, page.html.slice(0, 2000)).to.equal(200);
    return { ...launchDataOf(page.html), html: page.html };
  };
  const commit = async (launch: LaunchData, event: string, cmi: Record<string, unknown>) => {
    const response = await learner.request(launch.commitUrl, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": learner.csrfToken }, body: JSON.stringify({ event, cmi }),
    });
    expect(response.status, await response.clone().text()).to.equal(200);
    return (await response.json()) as { ignored: boolean };
  };
  const storedCmi = async (sessionId: string) =>
    ((await (await learner.request(`/api/scorm/sessions/${sessionId}/cmi`)).json()) as { attemptNumber: number; cmi: Record<string, unknown> & { core?: Record<string, unknown> } });

  before(async () => {
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    for (const [zip, set] of [[recordingScorm12Zip(), (id: string) => (scorm12 = id)], [nestedFramesZip(), (id: string) => (scorm2004 = id)]] as const) {
      const response = await trainer.uploadPackage(zip);
      expect(response.status, await response.clone().text()).to.equal(201);
      set(((await response.json()) as { packageId: string }).packageId);
    }
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
  });
  after(async () => server?.stop());
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  describe("resume", () => {
    it("gives a resumed SCORM 1.2 SCO back the interactions and objectives its attempt committed, in index order", async () => {
      const first = await open(`package=${scorm12}&sco=sco-a`);
      expect(first.cmi).not.to.have.property("interactions");
      await commit(first, "terminate", {
        core: { lesson_status: "incomplete", exit: "suspend", session_time: "00:00:03", lesson_location: "strana-1" },
        suspend_data: "posete=1", interactions: interactions12, objectives: objectives12,
      });
      const second = await open(`package=${scorm12}&sco=sco-a`);
      expect(second.cmi.core).to.include({ entry: "resume", lesson_mode: "normal", credit: "credit", lesson_location: "strana-1" });
      expect(second.cmi.interactions).to.deep.equal([
        { id: "pitanje-1", type: "choice", student_response: "a", result: "correct", objectives: [{ id: "cilj-1" }], correct_responses: [{ pattern: "a" }] },
        { id: "pitanje-2", type: "true-false", student_response: "t", result: "wrong" },
      ]);
      expect(second.cmi.objectives).to.deep.equal([{ id: "cilj-1", status: "incomplete", score: { raw: "40" } }]);
    });

    it("gives a resumed SCORM 2004 SCO back its interactions (with learner responses) and objectives", async () => {
      const first = await open(`package=${scorm2004}&sco=sco-2`);
      await commit(first, "terminate", {
        completion_status: "incomplete", exit: "suspend", session_time: "PT3S", location: "korak-1", suspend_data: "posete=1",
        interactions: { "0": { id: "q1", type: "fill-in", learner_response: "hraniteljstvo", result: "correct", timestamp: "2026-11-23T10:00:00", description: "Pojam" } },
        objectives: { "0": { id: "obj-a", success_status: "passed", completion_status: "completed", score: { scaled: "0.8" }, progress_measure: "1" } },
      });
      const second = await open(`package=${scorm2004}&sco=sco-2`);
      expect(second.cmi).to.include({ entry: "resume", mode: "normal", credit: "credit", location: "korak-1" });
      expect(second.cmi.interactions).to.deep.equal([{ id: "q1", type: "fill-in", learner_response: "hraniteljstvo", result: "correct", timestamp: "2026-11-23T10:00:00", description: "Pojam" }]);
      expect(second.cmi.objectives).to.deep.equal([{ id: "obj-a", success_status: "passed", completion_status: "completed", score: { scaled: "0.8" }, progress_measure: "1" }]);
    });
  });

  describe("review", () => {
    it("opens a passed SCORM 1.2 attempt in review without credit, with its data, and keeps its result whatever the review sends", async () => {
      const normal = await open(`package=${scorm12}&sco=sco-a`);
      await commit(normal, "terminate", {
        core: { lesson_status: "passed", exit: "", session_time: "00:00:03", lesson_location: "kraj", score: { raw: "90", max: "100", min: "0" } },
        suspend_data: "posete=2", interactions: interactions12, objectives: objectives12,
      });
      const before = await storedCmi(normal.sessionId);

      const review = await open(`package=${scorm12}&sco=sco-a`);
      expect(review.cmi.core).to.include({ entry: "", lesson_mode: "review", credit: "no-credit", lesson_status: "passed", lesson_location: "kraj" });
      expect(review.cmi.interactions).to.have.length(2);
      expect(review.html).to.contain('data-testid="mode-review"');
      expect(review.html).not.to.contain('data-testid="resumed"');
      const answer = await commit(review, "terminate", { core: { lesson_status: "failed", exit: "", session_time: "00:10:00", score: { raw: "5" } }, suspend_data: "x" });
      expect(answer.ignored).to.equal(true);
      const after = await storedCmi(review.sessionId);
      expect(after).to.deep.equal(before);
      expect(after.attemptNumber).to.equal(1);
      // Still review the next time: the attempt is the same, its total time did not grow.
      const again = await open(`package=${scorm12}&sco=sco-a`);
      expect(again.cmi.core).to.include({ lesson_mode: "review", total_time: "00:00:06" });
    });

    it("starts a new attempt for credit after a failed one, rather than reviewing it", async () => {
      const normal = await open(`package=${scorm12}&sco=sco-b`);
      await commit(normal, "terminate", { core: { lesson_status: "failed", exit: "", session_time: "00:00:03" } });
      const retry = await open(`package=${scorm12}&sco=sco-b`);
      expect(retry.cmi.core).to.include({ entry: "ab-initio", lesson_mode: "normal", credit: "credit", lesson_status: "not attempted" });
      expect((await storedCmi(retry.sessionId)).attemptNumber).to.equal(2);
    });

    it("opens a completed SCORM 2004 attempt with cmi.mode review and credit no-credit", async () => {
      const normal = await open(`package=${scorm2004}&sco=sco-1`);
      await commit(normal, "terminate", { completion_status: "completed", success_status: "passed", exit: "normal", session_time: "PT3S", score: { scaled: "0.9" } });
      const review = await open(`package=${scorm2004}&sco=sco-1`);
      expect(review.cmi).to.include({ mode: "review", credit: "no-credit", entry: "", completion_status: "completed", success_status: "passed" });
      expect((await commit(review, "commit", { completion_status: "incomplete", success_status: "failed" })).ignored).to.equal(true);
      expect((await storedCmi(review.sessionId)).cmi).to.include({ completion_status: "completed", success_status: "passed" });
    });
  });

  describe("browse", () => {
    it("launches a SCO not started in browse when asked (no credit, nothing recorded); a later normal launch starts afresh", async () => {
      const other = new HttpClient(server.baseUrl);
      await other.logIn("admin");
      const page = await other.page(`/scorm/launch?package=${scorm12}&sco=sco-b&mode=browse`);
      expect(page.status).to.equal(200);
      const browse = launchDataOf(page.html);
      expect(browse.cmi.core).to.include({ entry: "ab-initio", lesson_mode: "browse", credit: "no-credit" });
      expect(page.html).to.contain('data-testid="mode-browse"');
      const response = await other.request(browse.commitUrl, {
        method: "POST", headers: { "content-type": "application/json", "x-csrf-token": other.csrfToken },
        body: JSON.stringify({ event: "terminate", cmi: { core: { lesson_status: "browsed", exit: "suspend", session_time: "00:01:00" }, suspend_data: "b" } }),
      });
      expect(((await response.json()) as { ignored: boolean }).ignored).to.equal(true);
      const normal = launchDataOf((await other.page(`/scorm/launch?package=${scorm12}&sco=sco-b`)).html);
      expect(normal.cmi.core).to.include({ entry: "ab-initio", lesson_mode: "normal", credit: "credit", total_time: "00:00:00" });
      expect(normal.cmi.suspend_data).to.equal("");
    });

    const refusals: [string, string][] = [
      ["browse on a SCO the learner has started", "sco=sco-a&mode=browse"],
      ["review asked for (the player chooses it)", "sco=sco-b&mode=review"],
      ["an unknown mode", "mode=preview"],
    ];
    for (const [what, query] of refusals) {
      it(`answers 400 naming mode for ${what}`, async () => {
        const response = await learner.request(`/scorm/launch?package=${scorm12}&${query}`, { headers: { accept: "application/json" } });
        expect(response.status).to.equal(400);
        expect(((await response.json()) as { error: { message: string } }).error.message).to.match(/^mode: /);
      });
    }
  });
});
