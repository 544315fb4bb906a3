// Credits for an xAPI (TinCan) package over real HTTP: our own `obuka build --format xapi`
// package, launched by the learner, its statements posted with the launch credential; the LMS
// records the course completed/passed with its own authority once the package's rules are met,
// and only that statement earns the credit.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Credential, Statement } from "../../../lrs/index.js";
import { xapiCourseActivityId } from "../../../player/domain/xapi-course-outcome.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { projectRoot, run } from "../../support/tools.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const completed = "http://adlnet.gov/expapi/verbs/completed";
const passed = "http://adlnet.gov/expapi/verbs/passed";
const logged: unknown[] = [];
const policy = {
  licensingBody: "Zavod (test)",
  licence: { periodYears: 1, pointsPerPeriod: 20 },
  courses: [{
    course: courseId, programme: "PRIDE (test)", programmeNumber: "T-001", points: 15, validityYears: 7, formats: ["xapi"],
    completion: { allOf: [{ moveOn: "CompletedAndPassed" }, { minScore: 0.8 }] },
  }],
};

interface Launch { auth: string; actor: unknown; registration: string }
interface TranscriptJson { credits: { statementId: string; evidence: string[]; points: number; format: string; explanation: string }[] }

describe("player: credits for an xAPI (TinCan) package", function () {
  this.timeout(180_000);
  let server: RunningServer;
  let learner: HttpClient;
  let packageId: string;
  let reader: Credential;
  let lmsAuthority: unknown;
  let modules: string[];
  let l: Launch;
  const startedAt = Date.now();
  const clock = () => new Date(Date.parse("2026-06-15T10:00:00.000Z") + (Date.now() - startedAt));

  async function launch(): Promise<Launch> {
    await learner.page(`/xapi-course?package=${packageId}`);
    const response = await learner.request("/xapi-course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ packageId, activityId: courseId, _csrf: learner.csrfToken }).toString(),
    });
    const url = new URL(await launchedUrl(response));
    return { auth: url.searchParams.get("auth")!, actor: JSON.parse(url.searchParams.get("actor")!), registration: url.searchParams.get("registration")! };
  }

  async function send(verb: string, objectId: string, result: Record<string, unknown> = {}): Promise<void> {
    const statement = { id: randomUUID(), actor: l.actor, verb: { id: verb }, object: { id: objectId }, result, context: { registration: l.registration } };
    const response = await fetch(`${server.baseUrl}/xapi/statements`, {
      method: "POST",
      headers: { authorization: l.auth, "x-experience-api-version": "1.0.3", "content-type": "application/json" },
      body: JSON.stringify(statement),
    });
    expect(response.status, await response.clone().text()).to.equal(200);
  }

  /** The statements about the LMS's course activity, whoever wrote them. */
  async function courseStatements(): Promise<Statement[]> {
    const page = await server.lrs.queryStatements({ activity: xapiCourseActivityId(courseId), limit: 100 }, reader);
    return page.statements;
  }

  async function transcript(): Promise<TranscriptJson> {
    const response = await learner.request("/transcript.json");
    expect(response.status).to.equal(200);
    return (await response.json()) as TranscriptJson;
  }

  before(async () => {
    server = await startStandalone({ policy, clock, logged });
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-xapi-credits-"));
    await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", path.join(projectRoot, "courses/pride-foster-care"), "--format", "xapi", "--out", out], { cwd: projectRoot });
    const zip = (await readdir(out)).find((f) => f.endsWith(".zip"))!;
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(await readFile(path.join(out, zip)), zip);
    expect(imported.status, await imported.clone().text()).to.equal(201);
    packageId = ((await imported.json()) as { packageId: string }).packageId;
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    reader = (await server.lrs.credentials.create({ name: "test reader", scopes: ["all"] })).credential;
    const lms = (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS");
    lmsAuthority = lms?.authority;
    expect(lmsAuthority, "the LMS credential").to.not.equal(undefined);
    const pkg = await server.playerStore.findPackage(packageId);
    modules = pkg?.content.format === "xapi" ? pkg.content.activities.filter((a) => a.launch !== undefined && a.id !== courseId).map((a) => a.id) : [];
    expect(modules.length).to.be.greaterThan(1);
    l = await launch();
  });
  after(() => server?.stop());

  it("records nothing and credits nothing while a module is still open, even when content claims the course itself", async () => {
    for (const id of modules.slice(0, -1)) {
      await send(completed, id, { completion: true });
      await send(passed, id, { success: true, score: { scaled: 0.9 } });
    }
    // Content forging the LMS's own course statement: stored, but under the launch's authority.
    await send(completed, xapiCourseActivityId(courseId), { completion: true });
    await send(passed, xapiCourseActivityId(courseId), { success: true, score: { scaled: 1 } });
    const statements = await courseStatements();
    expect(statements).to.have.length(2);
    for (const s of statements) expect(s.authority).to.not.deep.equal(lmsAuthority);
    expect((await transcript()).credits).to.deep.equal([]);
  });

  it("records completed and passed with the LMS's authority once every module is done, and that earns the credit", async () => {
    const last = modules.at(-1)!;
    await send(completed, last, { completion: true });
    expect((await courseStatements()).filter((s) => isEqual(s.authority, lmsAuthority)).map((s) => s.verb.id)).to.deep.equal([completed]);
    expect((await transcript()).credits).to.deep.equal([]);

    await send(passed, last, { success: true, score: { scaled: 0.85 } });
    const byLms = (await courseStatements()).filter((s) => isEqual(s.authority, lmsAuthority));
    expect(byLms.map((s) => s.verb.id).sort()).to.deep.equal([completed, passed]);
    const passedByLms = byLms.find((s) => s.verb.id === passed)!;
    expect(passedByLms.context?.registration).to.equal(l.registration);
    expect(passedByLms.result?.score?.scaled).to.equal(0.9);

    const { credits } = await transcript();
    expect(credits).to.have.length(1);
    expect(credits[0]).to.deep.include({ points: 15, format: "xapi" });
    expect([...credits[0]!.evidence].sort()).to.deep.equal(byLms.map((s) => s.id!).sort());
    expect(credits[0]!.explanation).to.contain("quiz score ≥ 80 %: 90 % → met");
  });

  it("records the course once per registration, however often content repeats itself", async () => {
    await send(completed, courseId, { completion: true });
    await send(passed, modules[0]!, { success: true, score: { scaled: 1 } });
    expect((await courseStatements()).filter((s) => isEqual(s.authority, lmsAuthority))).to.have.length(2);
    expect((await transcript()).credits).to.have.length(1);
    expect(logged, "errors the server logged").to.deep.equal([]);
  });
});

/** The content URL of a launch: a redirect to it, or the player's frame page around it. */
async function launchedUrl(response: Response): Promise<string> {
  if (response.status === 303) return response.headers.get("location")!;
  const html = await response.text();
  expect(response.status, html).to.equal(200);
  const src = /<iframe[^>]*\ssrc="([^"]+)"[^>]*data-testid="au-frame"/.exec(html)?.[1];
  expect(src, "the frame page's content URL").to.be.a("string");
  return src!.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function isEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
