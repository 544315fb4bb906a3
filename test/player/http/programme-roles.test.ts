// Points by role over real HTTP: an admin (or a portal's API key) records that a professional
// authored a programme or trained in a delivery; the LMS writes that to the LRS with its own
// authority, the transcript awards the role's points, and voiding the statement takes them away.
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Credential } from "../../../lrs/index.js";
import { roleVerbs } from "../../../player/domain/programme-roles.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const otherCourse = "https://obuka.rs/courses/case-management";
const policy = {
  licensingBody: "Zavod (test)",
  licence: { periodYears: 1, pointsPerPeriod: 60 },
  repeats: "each",
  courses: [
    { course: courseId, programme: "PRIDE (test)", programmeNumber: "T-001", points: 15, pointsByRole: { author: 30, trainer: 20 }, validityYears: 7 },
    { course: otherCourse, programme: "Case management (test)", points: 15, validityYears: 7 },
  ],
};
interface TranscriptJson { summary: { earned: number }; credits: { statementId: string; role?: string; points: number; explanation: string; certificateCode: string }[] }

describe("player: credits by role (authors and trainers) over HTTP", () => {
  let server: RunningServer;
  let admin: HttpClient;
  let learner: HttpClient;
  let lms: Credential;
  let portalKey: string;
  const startedAt = Date.now();
  const clock = () => new Date(Date.parse("2026-06-15T10:00:00.000Z") + (Date.now() - startedAt));
  const url = (username = "polaznik") => `/api/users/${username}/programme-roles`;

  function asAdmin(body: unknown, username?: string): Promise<Response> {
    return admin.request(url(username), { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify(body) });
  }

  async function transcript(): Promise<TranscriptJson> {
    return (await (await learner.request("/transcript.json")).json()) as TranscriptJson;
  }

  before(async () => {
    server = await startStandalone({ policy, clock });
    admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    await learner.page("/catalog");
    lms = (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS")!;
    const key = await admin.request("/api/keys", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ name: "test portal" }) });
    portalKey = ((await key.json()) as { key: string }).key;
  });
  after(() => server.stop());

  it("records a trainer's delivery as an LMS statement, and the transcript awards the trainer's points", async () => {
    const delivery = randomUUID();
    const response = await asAdmin({ role: "trainer", course: courseId, date: "2026-03-10", delivery });
    expect(response.status, await response.clone().text()).to.equal(201);
    const recorded = (await response.json()) as { statementId: string; points: number; delivery: string };
    expect(recorded).to.deep.include({ points: 20, delivery });

    const stored = (await server.lrs.queryStatements({ statementId: recorded.statementId }, lms)).statements[0];
    expect(stored?.verb.id).to.equal(roleVerbs.trainer);
    expect(stored?.authority).to.deep.equal(lms.authority);
    expect(stored?.context?.registration).to.equal(delivery);

    const { credits, summary } = await transcript();
    expect(credits.map((c) => [c.statementId, c.role, c.points])).to.deep.equal([[recorded.statementId, "trainer", 20]]);
    expect(credits[0]!.explanation).to.contain("trainer in a delivery of the programme, recorded by the LMS");
    expect(credits[0]!.certificateCode).to.match(/^OBK-/);
    expect(summary.earned).to.equal(20);
  });

  it("takes a portal's API key too, and counts the author's points beside the trainer's", async () => {
    const response = await fetch(`${server.baseUrl}${url()}`, {
      method: "POST",
      headers: { authorization: `Bearer ${portalKey}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "author", course: courseId, date: "2026-02-01" }),
    });
    expect(response.status, await response.clone().text()).to.equal(201);
    const { credits, summary } = await transcript();
    expect(credits.map((c) => [c.role, c.points])).to.deep.equal([["author", 30], ["trainer", 20]]);
    expect(summary.earned).to.equal(50);
  });

  it("names the role in the learner's transcript CSV and the verifier's period export", async () => {
    // The rule cell is quoted and holds commas, so cells are counted from both ends: points
    // (before any quoted cell) from the start, the role (the last column) from the end.
    const rolesOf = (csv: string) => {
      const [header, ...rows] = csv.trim().split("\r\n").map((line) => line.split(","));
      expect(header!.at(-1)).to.equal("role");
      return rows.map((cells) => [cells.at(-1), cells[header!.indexOf("points")]]);
    };
    expect(rolesOf(await (await learner.request("/transcript.csv")).text())).to.deep.equal([["author", "30"], ["trainer", "20"]]);

    const verifier = new HttpClient(server.baseUrl);
    await verifier.logIn("verifikator");
    await verifier.page("/verifier");
    const exported = await verifier.request("/verifier/export", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ from: "2026-01-01", to: "2026-12-31", _csrf: verifier.csrfToken }).toString(),
    });
    expect(exported.status).to.equal(200);
    expect(rolesOf(await exported.text())).to.deep.equal([["author", "30"], ["trainer", "20"]]);
  });

  it("removes the role's credit when its statement is voided", async () => {
    const before = await transcript();
    const author = before.credits.find((c) => c.role === "author")!;
    await server.lrs.storeStatements(
      { actor: { objectType: "Agent", account: { homePage: "https://obuka.test/accounts", name: "obuka-lms" } }, verb: { id: "http://adlnet.gov/expapi/verbs/voided" }, object: { objectType: "StatementRef", id: author.statementId } },
      lms,
    );
    const after = await transcript();
    expect(after.credits.map((c) => c.role)).to.deep.equal(["trainer"]);
    expect(after.summary.earned).to.equal(20);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [[], "body"],
      [{ role: "speaker", course: courseId, date: "2026-03-10" }, "role"],
      [{ role: "trainer", date: "2026-03-10" }, "course"],
      [{ role: "trainer", course: "https://example.org/not-accredited", date: "2026-03-10" }, "course"],
      [{ role: "trainer", course: otherCourse, date: "2026-03-10" }, "role"],
      [{ role: "trainer", course: courseId, date: "10.03.2026." }, "date"],
      [{ role: "trainer", course: courseId, date: "2026-02-30" }, "date"],
      [{ role: "trainer", course: courseId, date: "2027-01-01" }, "date"],
      [{ role: "trainer", course: courseId, date: "2026-03-10", delivery: "first" }, "delivery"],
    ];
    for (const [body, field] of cases) {
      const response = await asAdmin(body);
      const text = await response.text();
      expect(response.status, `${JSON.stringify(body)}: ${text}`).to.equal(400);
      expect(text, JSON.stringify(body)).to.contain(field);
    }
    expect((await asAdmin({ role: "trainer", course: courseId, date: "2026-03-10" }, "nobody-here")).status).to.equal(404);
    expect((await transcript()).credits).to.have.length(1);
  });

  it("refuses anyone but an admin (403) and a session write without the CSRF header", async () => {
    for (const username of ["polaznik", "trener", "verifikator"]) {
      const client = new HttpClient(server.baseUrl);
      await client.logIn(username);
      await client.page("/catalog");
      const response = await client.request(url(), { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken }, body: JSON.stringify({ role: "trainer", course: courseId, date: "2026-03-10" }) });
      expect(response.status, username).to.equal(403);
    }
    const withoutCsrf = await admin.request(url(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "trainer", course: courseId, date: "2026-03-10" }) });
    expect(withoutCsrf.status).to.equal(403);
    expect((await transcript()).credits).to.have.length(1);
  });
});
