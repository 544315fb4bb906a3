// Two standalone server processes (player/main.ts) on one PostgreSQL schema and one shared
// package directory, driven at once as two nodes behind a load balancer would be: the
// answers must be those of one server. Both start together and import the same package at
// start-up; a learner signed in on one node is signed in on the other.
import { expect } from "chai";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLrs, openPgLrsStore } from "../../lrs/index.js";
import { launchUrlOfFramePage } from "../support/au-frame.js";
import { AuSide } from "../support/cmi5-au.js";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { minimalCmi5Xml, rawZip } from "../support/raw-zip.js";
import { spawnPlayer, type PlayerProcess } from "../support/spawn-player.js";
import { HttpClient } from "../support/standalone.js";
import { scorm12Zip } from "./support/package-fixtures.js";

const password = "two-nodes-password-1";
const cmi5CourseId = "https://obuka.test/courses/two-nodes";
const statementIdOf = (node: number, batch: number, n: number) => `dddddddd-000${node}-4000-8000-${(batch * 1000 + n).toString(16).padStart(12, "0")}`;

describe("player: two server processes on one PostgreSQL database and one package directory", function () {
  let schema: TestSchema;
  let dir: string;
  let sharedContent: string;
  let a: PlayerProcess;
  let b: PlayerProcess;
  let xapiHeaders: Record<string, string>;

  before(async function () {
    await requirePostgres(this);
    schema = await createTestSchema();
    dir = await mkdtemp(path.join(tmpdir(), "obuka-player-nodes-"));
    sharedContent = path.join(dir, "shared-packages");
    const startupPackages = path.join(dir, "dist");
    await mkdir(startupPackages);
    await writeFile(path.join(startupPackages, "odd-scorm12.zip"), scorm12Zip());
    const setup = await openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name });
    const { key, secret } = await createLrs({ store: setup }).credentials.create({ name: "two nodes", scopes: ["all"] });
    await setup.close();
    xapiHeaders = { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "X-Experience-API-Version": "1.0.3" };
    const node = (name: string) => ({
      DATABASE_URL: databaseUrlFor(schema.name),
      OBUKA_CONTENT_DIR: sharedContent,
      OBUKA_DATA_DIR: path.join(dir, name),
      OBUKA_PACKAGES_DIR: startupPackages,
      OBUKA_DEMO_PASSWORD: password,
      OBUKA_ACCOUNT_HOMEPAGE: "https://obuka.test/accounts",
    });
    // Started together: both migrate, create the demo accounts and import the same zip at once.
    [a, b] = await Promise.all([spawnPlayer(node("node-a")), spawnPlayer(node("node-b"))]);
  });

  after(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await schema?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function postStatements(node: PlayerProcess, body: unknown): Promise<number> {
    const res = await fetch(`${node.baseUrl}/xapi/statements`, { method: "POST", headers: { ...xapiHeaders, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  }

  async function allStatementIds(node: PlayerProcess, activityId: string): Promise<string[]> {
    const ids: string[] = [];
    let next = `${node.baseUrl}/xapi/statements?limit=100&format=ids&activity=${encodeURIComponent(activityId)}`;
    for (;;) {
      const res = await fetch(next, { headers: xapiHeaders });
      expect(res.status).to.equal(200);
      const page = (await res.json()) as { statements: { id: string }[]; more: string };
      ids.push(...page.statements.map((s) => s.id));
      if (page.more === "") return ids;
      next = new URL(page.more, node.baseUrl).toString();
    }
  }

  it("imported the start-up package once, into the shared directory", async () => {
    const trainer = new HttpClient(a.baseUrl);
    await trainer.logIn("trener", password);
    const list = async (client: HttpClient) => (await (await client.request("/api/packages")).json()) as { packageId: string; format: string }[];
    const fromA = await list(trainer);
    const fromB = await list(trainer.at(b.baseUrl));
    expect(fromA.filter((p) => p.format === "scorm12")).to.have.length(1);
    expect(fromB).to.deep.equal(fromA);
    expect((await readdir(sharedContent)).filter((name) => !name.startsWith(".")).sort()).to.deep.equal(fromA.map((p) => p.packageId).sort());
  });

  it("keeps every statement of concurrent batches and resends sent to both nodes, each once", async () => {
    const activityId = "https://obuka.test/activities/batches";
    const batch = (node: number, n: number) =>
      Array.from({ length: 25 }, (_, i) => ({
        id: statementIdOf(node, n, i),
        actor: { mbox: "mailto:ana@example.org" },
        verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
        object: { id: activityId },
      }));
    const sends: Promise<number>[] = [];
    for (let n = 0; n < 4; n++) sends.push(postStatements(a, batch(1, n)), postStatements(b, batch(2, n)), postStatements(b, batch(1, n)), postStatements(a, batch(2, n)));
    expect(new Set(await Promise.all(sends))).to.deep.equal(new Set([200]));
    const fromA = await allStatementIds(a, activityId);
    expect(fromA).to.have.lengthOf(200);
    expect(new Set(fromA).size).to.equal(200);
    expect((await allStatementIds(b, activityId)).sort()).to.deep.equal([...fromA].sort());
  });

  it("lets one of two If-Match writes of the same ETag win on either node; the other gets 412", async () => {
    const query = `?activityId=${encodeURIComponent("https://obuka.test/activities/state")}&agent=${encodeURIComponent(JSON.stringify({ mbox: "mailto:ana@example.org" }))}&stateId=resume`;
    const put = async (node: PlayerProcess, body: unknown, ifMatch?: string) => {
      const res = await fetch(`${node.baseUrl}/xapi/activities/state${query}`, {
        method: "PUT",
        headers: { ...xapiHeaders, "Content-Type": "application/json", ...(ifMatch === undefined ? {} : { "If-Match": ifMatch }) },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await put(a, { page: 0 })).to.equal(204);
    for (let round = 1; round <= 4; round++) {
      const current = await fetch(`${b.baseUrl}/xapi/activities/state${query}`, { headers: xapiHeaders });
      const etag = current.headers.get("etag") ?? "";
      await current.arrayBuffer();
      const statuses = await Promise.all([put(a, { page: round, by: "a" }, etag), put(b, { page: round, by: "b" }, etag)]);
      expect([...statuses].sort()).to.deep.equal([204, 412]);
      const stored = (await (await fetch(`${a.baseUrl}/xapi/activities/state${query}`, { headers: xapiHeaders })).json()) as { by: string };
      expect(stored.by).to.equal(statuses[0] === 204 ? "a" : "b");
    }
  });

  it("refuses on one node a cmi5 fetch URL already used on the other, and takes the AU's statements on either", async () => {
    const trainer = new HttpClient(a.baseUrl);
    await trainer.logIn("trener", password);
    await trainer.page("/catalog");
    const zip = rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml({ courseId: cmi5CourseId }) }, { name: "index.html", content: "<!doctype html><title>AU</title>" }]);
    expect((await trainer.uploadPackage(zip)).status).to.equal(201);

    // Signed in on A, launched on B: the package uploaded through A is B's too.
    const learnerOnA = new HttpClient(a.baseUrl);
    await learnerOnA.logIn("polaznik", password);
    const learnerOnB = learnerOnA.at(b.baseUrl);
    await learnerOnB.page(`/course?id=${encodeURIComponent(cmi5CourseId)}`);
    const launched = await learnerOnB.request("/course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ courseId: cmi5CourseId, auId: `${cmi5CourseId}/au/1`, _csrf: learnerOnB.csrfToken }).toString(),
    });
    const au = new AuSide(await launchUrlOfFramePage(launched));
    expect((await fetch(au.launchUrl)).status, "B serves the AU file A unpacked").to.equal(200);

    const fetchPath = new URL(au.params.get("fetch")!);
    const onA = await fetch(new URL(fetchPath.pathname + fetchPath.search, a.baseUrl), { method: "POST" });
    expect(onA.status).to.equal(200);
    const token = ((await onA.json()) as { "auth-token"?: string })["auth-token"];
    expect(token).to.be.a("string");
    const onB = await fetch(new URL(fetchPath.pathname + fetchPath.search, b.baseUrl), { method: "POST" });
    expect(onB.status).to.equal(200);
    expect(await onB.json()).to.deep.include({ "error-code": "1" });

    // The token fetched on A is the session's on B as well (the guard reads the shared session).
    au.authToken = token!;
    const launchData = await au.xapi(au.stateUrl("LMS.LaunchData"));
    expect(launchData.status).to.equal(200);
    au.template = ((await launchData.json()) as { contextTemplate: AuSide["template"] }).contextTemplate;
    const initializedTooSoon = au.statement("initialized");
    const sendToA = (statement: unknown) =>
      fetch(`${a.baseUrl}/xapi/statements`, {
        method: "POST",
        headers: { authorization: `Basic ${token!}`, "x-experience-api-version": "1.0.3", "content-type": "application/json" },
        body: JSON.stringify(statement),
      });
    // cmi5 11.0.0.0-3: the preferences first. A refuses, then accepts once B has served them.
    expect((await sendToA(initializedTooSoon)).status).to.equal(403);
    expect((await au.xapi(au.profileUrl("cmi5LearnerPreferences"))).status).to.equal(200);
    const initialized = await sendToA(au.statement("initialized"));
    expect(initialized.status, await initialized.clone().text()).to.equal(200);
  });

  it("gives a learner at the next launch on one node the SCORM resume data committed on the other", async () => {
    const learnerOnA = new HttpClient(a.baseUrl);
    await learnerOnA.logIn("polaznik", password);
    const learnerOnB = learnerOnA.at(b.baseUrl);
    const packages = (await (await learnerOnA.request("/api/packages")).json()) as { packageId: string; format: string }[];
    const packageId = packages.find((p) => p.format === "scorm12")!.packageId;
    const launch = async (client: HttpClient) => {
      const { status, html } = await client.page(`/scorm/launch?package=${packageId}&sco=lesson-1`);
      expect(status).to.equal(200);
      const attribute = /data-launch="([^"]*)"/.exec(html)![1]!;
      return JSON.parse(attribute.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&#x27;", "'")) as { sessionId: string; cmi: { core: Record<string, unknown>; suspend_data: string } };
    };
    const commit = (client: HttpClient, sessionId: string, event: string, cmi: unknown) =>
      client.request(`/api/scorm/sessions/${sessionId}/commit`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken }, body: JSON.stringify({ event, cmi }) });

    const first = await launch(learnerOnA);
    const cmi = { core: { lesson_location: "strana-3", lesson_status: "incomplete", exit: "suspend", session_time: "0000:00:04.00" }, suspend_data: "posete=1;odgovori=a,c" };
    for (const event of ["initialize", "commit", "terminate"]) {
      const response = await commit(learnerOnA, first.sessionId, event, cmi);
      expect(response.status, `${event}: ${await response.clone().text()}`).to.equal(200);
    }

    const second = await launch(learnerOnB);
    expect(second.sessionId).to.not.equal(first.sessionId);
    expect(second.cmi.core).to.include({ lesson_location: "strana-3", entry: "resume" });
    expect(second.cmi.suspend_data).to.equal("posete=1;odgovori=a,c");
    const read = await learnerOnB.request(`/api/scorm/sessions/${second.sessionId}/cmi`);
    expect(read.status).to.equal(200);
    const resumed = ((await read.json()) as { cmi: { core: Record<string, unknown>; suspend_data: string } }).cmi;
    expect(resumed.suspend_data).to.equal("posete=1;odgovori=a,c");
    expect(resumed.core).to.include({ lesson_location: "strana-3" });
  });
});
