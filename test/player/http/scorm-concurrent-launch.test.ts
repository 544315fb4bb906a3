// Two launches of one SCO by one learner at the same moment (a double click, two tabs, two
// nodes) over real HTTP: both answer 200 with a working session, and they share the one new
// attempt they both chose the number of, rather than one failing on the store's unique key.
// Runs on SQLite, and on PostgreSQL under `npm run test:postgres`.
import { expect } from "chai";
import { HttpClient, type RunningServer, playerRows, startStandalone } from "../../support/standalone.js";
import { recordingScorm12Zip } from "../support/scorm12-recording-sco.js";

interface LaunchData { sessionId: string; commitUrl: string; cmi: { core?: Record<string, unknown> } }

/** What the SCORM launch page hands its script (data-launch, HTML-escaped JSON). */
function launchDataOf(html: string): LaunchData {
  const raw = /data-launch="([^"]*)"/.exec(html)?.[1];
  expect(raw, "the SCORM launch page").to.be.a("string");
  const decoded = raw!.replace(/&quot;/g, '"').replace(/&#x3D;/g, "=").replace(/&#x27;/g, "'").replace(/&#x60;/g, "`").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(decoded) as LaunchData;
}

describe("player: concurrent launches of one SCO over HTTP", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let packageId: string;
  const logged: unknown[] = [];

  /** Both launches sent before either answers. */
  const launchTwiceAtOnce = async (scoId: string): Promise<LaunchData[]> => {
    const pages = await Promise.all([1, 2].map(() => learner.page(`/scorm/launch?package=${packageId}&sco=${scoId}`)));
    for (const page of pages) expect(page.status, page.html.slice(0, 2000)).to.equal(200);
    return pages.map((page) => launchDataOf(page.html));
  };
  const commit = async (launch: LaunchData, event: string, cmi: Record<string, unknown>) => {
    const response = await learner.request(launch.commitUrl, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": learner.csrfToken }, body: JSON.stringify({ event, cmi }),
    });
    expect(response.status, await response.clone().text()).to.equal(200);
    return (await response.json()) as { ignored: boolean };
  };
  const storedCmi = async (sessionId: string) => {
    const response = await learner.request(`/api/scorm/sessions/${sessionId}/cmi`);
    expect(response.status, await response.clone().text()).to.equal(200);
    return (await response.json()) as { attemptNumber: number; cmi: { core?: Record<string, unknown> } };
  };
  /** The stored attempts on the SCO, read from the database itself: number and id. */
  const attemptsOn = (scoId: string) =>
    playerRows<{ attempt_number: number; attempt_id: string }>(server, "SELECT attempt_number, attempt_id FROM scorm_attempts WHERE package_id = ? AND sco_id = ? ORDER BY attempt_number", [packageId, scoId]);
  const sessionsOf = async (attemptId: string) =>
    (await playerRows<{ session_id: string }>(server, "SELECT session_id FROM scorm_sessions WHERE attempt_id = ?", [attemptId])).map((row) => row.session_id).sort();

  before(async () => {
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const response = await trainer.uploadPackage(recordingScorm12Zip());
    expect(response.status, await response.clone().text()).to.equal(201);
    packageId = ((await response.json()) as { packageId: string }).packageId;
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
  });
  after(async () => server?.stop());
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  it("answers both first launches of a SCO with a session of one shared attempt 1, and keeps what each session commits", async () => {
    const [first, second] = await launchTwiceAtOnce("sco-a");
    expect(first!.sessionId).not.to.equal(second!.sessionId);
    const attempts = await attemptsOn("sco-a");
    expect(attempts.map((a) => Number(a.attempt_number))).to.deep.equal([1]);
    expect(await sessionsOf(attempts[0]!.attempt_id)).to.deep.equal([first!.sessionId, second!.sessionId].sort());
    for (const launch of [first!, second!]) expect(launch.cmi.core).to.include({ entry: "ab-initio", lesson_mode: "normal", credit: "credit" });

    // Both sessions work: each commit is recorded on the shared attempt, none ignored.
    expect((await commit(first!, "commit", { core: { lesson_status: "incomplete", lesson_location: "strana-1", session_time: "00:00:02" } })).ignored).to.equal(false);
    expect((await commit(second!, "commit", { core: { lesson_status: "incomplete", lesson_location: "strana-2", session_time: "00:00:03" } })).ignored).to.equal(false);
    const seen = await storedCmi(first!.sessionId);
    expect(seen.attemptNumber).to.equal(1);
    expect(seen.cmi.core).to.include({ lesson_location: "strana-2" });
    expect((await storedCmi(second!.sessionId)).attemptNumber).to.equal(1);
  });

  it("answers both launches after each failed attempt with a session of one shared next attempt, round after round", async () => {
    // Several rounds, as one pair of requests does not always meet inside the store (PostgreSQL).
    let [previous] = await launchTwiceAtOnce("sco-b");
    for (let attemptNumber = 2; attemptNumber <= 5; attemptNumber++) {
      await commit(previous!, "terminate", { core: { lesson_status: "failed", exit: "", session_time: "00:00:04" } });
      const [first, second] = await launchTwiceAtOnce("sco-b");
      const attempts = await attemptsOn("sco-b");
      expect(attempts.map((a) => Number(a.attempt_number)), `round ${attemptNumber}`).to.deep.equal(Array.from({ length: attemptNumber }, (_, k) => k + 1));
      expect(await sessionsOf(attempts.at(-1)!.attempt_id)).to.deep.equal([first!.sessionId, second!.sessionId].sort());
      for (const launch of [first!, second!]) expect((await storedCmi(launch.sessionId)).attemptNumber).to.equal(attemptNumber);
      previous = second;
    }
  });
});
