// Credits over real HTTP: a learner earns a credit through a real cmi5 session, sees it in
// their transcript for the licence period (HTML, JSON, CSV, PDF), a verifier finds it by
// licence number and exports the period, an admin sets licences, and voiding removes it.
import { expect } from "chai";
import { pdfText, requirePdftotext } from "../../support/pdf-text.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { earnCmi5Credit } from "../support/earn-credit.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const policy = {
  licensingBody: "Zavod (test)",
  licence: { periodYears: 1, pointsPerPeriod: 20, proRataForLeave: true },
  assumptions: [{ field: "licence.pointsPerPeriod", note: "test assumption: twenty points" }],
  courses: [{ course: courseId, programme: "PRIDE (test)", programmeNumber: "T-001", points: 6, validityYears: 7, completion: { allOf: [{ satisfied: true }, { minScore: 0.8 }] } }],
};
const demoLicence = "RS-SZ-000123";

describe("player: credits, transcripts and licence lookups over HTTP", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let verifier: HttpClient;
  let admin: HttpClient;
  let adminAuth: string;
  let satisfiedId: string;
  // The server's clock runs from a fixed day, so the licence period is known.
  const startedAt = Date.now();
  const clock = () => new Date(Date.parse("2026-06-15T10:00:00.000Z") + (Date.now() - startedAt));
  const period = { from: "2026-01-01", to: "2026-12-31" };

  before(async () => {
    server = await startStandalone({ policy, clock });
    ({ satisfiedId, learner, lrsAuth: adminAuth } = await earnCmi5Credit(server, courseId));

    verifier = new HttpClient(server.baseUrl);
    await verifier.logIn("verifikator");
    admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
  });
  after(() => server.stop());

  it("shows the learner's own transcript for the current licence period: credit, rule, evidence, progress and assumptions", async () => {
    const page = await learner.page("/transcript");
    expect(page.status).to.equal(200);
    expect(page.html).to.contain(`data-testid="licence-number">${demoLicence}<`);
    expect(page.html).to.contain(`<time datetime="${period.from}">`);
    expect(page.html).to.match(/data-testid="points">6</);
    expect(page.html).to.contain(`<code>${satisfiedId}</code>`);
    expect(page.html).to.contain("rezultat testa ≥ 80 %: 90 % → ispunjeno");
    expect((await learner.page("/transcript?lang=en")).html).to.contain("quiz score ≥ 80 %: 90 % → met");
    expect(page.html).to.contain('data-testid="chart-text">Stečeno: 6 bodova; potrebno: 20 bodova (30 %).<');
    expect(page.html).to.contain('<rect x="0" y="4" width="30" height="20" fill="#2d6a4f" data-testid="chart-bar">');
    expect(page.html).to.contain("test assumption: twenty points");
    expect(page.html).to.match(/data-testid="certificate-code">OBK-/);
  });

  it("gives the same transcript as JSON and CSV, with the evidence statement", async () => {
    const json = (await (await learner.request("/transcript.json")).json()) as { licenceNumber: string; period: unknown; summary: { earned: number; missing: number; requiredAfterLeave: number }; credits: { evidence: string[]; statementId: string; points: number; certificateCode: string }[] };
    expect(json).to.deep.include({ licenceNumber: demoLicence, period });
    expect(json.summary).to.deep.include({ earned: 6, missing: 14, requiredAfterLeave: 20 });
    expect(json.credits.map((c) => [c.statementId, c.evidence, c.points])).to.deep.equal([[satisfiedId, [satisfiedId], 6]]);
    const csv = await learner.request("/transcript.csv");
    expect(csv.headers.get("content-type")).to.match(/^text\/csv/);
    const [header, row, end] = (await csv.text()).split("\r\n");
    expect(header).to.equal("licence_number,holder,period_from,period_to,course,programme,programme_number,category,points,counted_points,"
      + "earned_at,valid_until,certificate_code,rule,evidence_statement_ids,certificate_revoked_at,role");
    expect(row).to.contain(`${demoLicence},Milica Jovanović,${period.from},${period.to},${courseId},PRIDE (test),T-001`);
    // A credit earned by taking the course: the JSON has no role for it, the CSV says so.
    expect(row).to.match(/,participant$/);
    expect(row).to.contain(satisfiedId);
    expect(row).to.contain(json.credits[0]!.certificateCode);
    expect(end).to.equal("");
  });

  it("answers a wrong period with 400 naming the field, and an empty period with no credits", async () => {
    const wrong = await learner.request("/transcript.json?from=2026-02-30");
    expect(wrong.status).to.equal(400);
    expect(await wrong.text()).to.contain("from");
    expect((await learner.request("/transcript.json?from=2026-03-01&to=2026-02-01")).status).to.equal(400);
    const past = (await (await learner.request("/transcript.json?from=2020-01-01")).json()) as { period: unknown; credits: unknown[] };
    expect(past).to.deep.include({ period: { from: "2020-01-01", to: "2020-12-31" }, credits: [] });
  });

  describe("the transcript PDF", () => {
    requirePdftotext();
    it("holds the holder, licence, period, credit, evidence, progress and assumptions as text (Latin, Cyrillic and English)", async () => {
      const pdf = await learner.request("/transcript.pdf");
      expect(pdf.headers.get("content-type")).to.equal("application/pdf");
      const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, " ");
      for (const expected of ["Moji bodovi", "Milica Jovanović", demoLicence, `${period.from} – ${period.to}`, "PRIDE (test) (T-001)", "Stečeno: 6 bodova; potrebno: 20 bodova (30 %).", satisfiedId, "test assumption: twenty points"]) {
        expect(text).to.contain(expected);
      }
      const cyrillic = (await pdfText(Buffer.from(await (await learner.request("/transcript.pdf?lang=sr-Cyrl")).arrayBuffer()))).replace(/\s+/g, " ");
      expect(cyrillic).to.contain("Моји бодови").and.to.contain("Милица Јовановић").and.to.contain("Стечено: 6 бодова; потребно: 20 бодова (30 %).");
      const english = (await pdfText(Buffer.from(await (await learner.request("/transcript.pdf?lang=en")).arrayBuffer()))).replace(/\s+/g, " ");
      expect(english).to.contain("6 of 20 required points earned (30 %).");
    });
  });

  it("lets a verifier look a professional up by licence number with a CSRF-protected form, and audits it", async () => {
    expect((await verifier.page("/verifier")).status).to.equal(200);
    const post = (path: string, fields: Record<string, string>, client = verifier) =>
      client.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
    expect((await post("/verifier/lookup", { licenceNumber: demoLicence })).status).to.equal(403);
    const found = await post("/verifier/lookup", { licenceNumber: demoLicence, _csrf: verifier.csrfToken });
    const html = await found.text();
    expect(found.status).to.equal(200);
    expect(html).to.contain("Milica Jovanović").and.to.contain(`<code>${satisfiedId}</code>`).and.to.match(/data-testid="points">6</);
    const unknown = await post("/verifier/lookup", { licenceNumber: "RS-NOBODY", _csrf: verifier.csrfToken });
    expect(unknown.status).to.equal(404);
    expect(await unknown.text()).to.contain('data-testid="licence-unknown"');
    expect((await post("/verifier/lookup", { licenceNumber: "", _csrf: verifier.csrfToken })).status).to.equal(400);

    const verifierId = (await server.playerStore.findUserByUsername("verifikator"))!.id;
    const audit = await server.playerStore.listAudit({ actor: verifierId, limit: 10 });
    expect(audit.map((e) => [e.action, e.subject, e.outcome])).to.deep.equal([
      ["lookup-licence", "RS-NOBODY current period", "unknown"],
      ["lookup-licence", `${demoLicence} ${period.from}..${period.to}`, "1 credits"],
    ]);
  });

  it("exports every licensed professional's credits for a period as CSV, audited", async () => {
    await verifier.page("/verifier");
    const response = await verifier.request("/verifier/export", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ from: period.from, to: period.to, _csrf: verifier.csrfToken }).toString(),
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get("content-disposition")).to.contain(`obuka-credits-${period.from}-${period.to}.csv`);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/,certificate_revoked_at,role$/);
    expect(lines[1]).to.contain(demoLicence).and.to.contain(satisfiedId).and.to.match(/,participant$/);
    const verifierId = (await server.playerStore.findUserByUsername("verifikator"))!.id;
    expect((await server.playerStore.listAudit({ actor: verifierId, limit: 1 }))[0]).to.deep.include({ action: "export-csv", subject: `${period.from}..${period.to}`, outcome: "1 rows" });
  });

  it("keeps licence lookups from learners, and answers verifiers' tools with JSON", async () => {
    expect((await learner.request("/verifier")).status).to.equal(403);
    expect((await learner.request(`/api/licences/${demoLicence}/credits`)).status).to.equal(403);
    const json = (await (await verifier.request(`/api/licences/${demoLicence}/credits`)).json()) as { holder: string; credits: { statementId: string }[] };
    expect(json.holder).to.equal("Milica Jovanović");
    expect(json.credits.map((c) => c.statementId)).to.deep.equal([satisfiedId]);
    expect((await verifier.request("/api/licences/RS-NOBODY/credits")).status).to.equal(404);
  });

  it("lets an admin set a licence with leave, which reduces the required points pro rata; refuses a taken number and a bad date", async () => {
    await admin.page("/catalog");
    const put = (username: string, body: unknown, client = admin) =>
      client.request(`/api/users/${username}/licence`, { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken }, body: JSON.stringify(body) });
    const halfYear = { from: period.from, to: `${period.from.slice(0, 4)}-06-30` };
    const saved = await put("polaznik", { licenceNumber: demoLicence, start: "2026-01-01", leave: [halfYear] });
    expect(saved.status).to.equal(200);
    const json = (await (await learner.request("/transcript.json")).json()) as { summary: { leaveDays: number; requiredAfterLeave: number } };
    expect(json.summary.leaveDays).to.equal(181);
    expect(json.summary.requiredAfterLeave).to.equal(Math.ceil((20 * (365 - 181)) / 365));
    expect((await put("trener", { licenceNumber: demoLicence })).status).to.equal(409);
    const bad = await put("trener", { licenceNumber: "RS-2", start: "2026-1-1" });
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.contain("start");
    expect((await put("nobody", { licenceNumber: "RS-3" })).status).to.equal(404);
    await verifier.page("/verifier");
    expect((await put("trener", { licenceNumber: "RS-4" }, verifier)).status).to.equal(403);
    expect((await put("polaznik", { licenceNumber: demoLicence, start: "2026-01-01", leave: [] })).status).to.equal(200);
  });

  describe("a revoked certificate", () => {
    it("shows as revoked on the transcript, in its JSON and CSV, and in the verifier's lookup", async () => {
      const code = ((await (await learner.request("/transcript.json")).json()) as { credits: { certificateCode: string }[] }).credits[0]!.certificateCode;
      await admin.page("/catalog");
      const revoked = await admin.request(`/api/certificates/${code}/revoke`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ reason: "issued in error" }) });
      expect(revoked.status).to.equal(200);
      const json = (await (await learner.request("/transcript.json")).json()) as { credits: { certificateCode: string; certificateRevokedAt: string | null }[] };
      expect(json.credits[0]!.certificateCode).to.equal(code);
      expect(json.credits[0]!.certificateRevokedAt).to.be.a("string");
      expect((await learner.page("/transcript")).html).to.contain('data-testid="certificate-revoked"');
      const [header, row] = (await (await learner.request("/transcript.csv")).text()).split("\r\n");
      expect(header).to.match(/,certificate_revoked_at,role$/);
      expect(row).to.match(new RegExp(`,${json.credits[0]!.certificateRevokedAt!.replace(/[.]/g, "\\.")},participant$`));
      await verifier.page("/verifier");
      const lookup = await verifier.request("/verifier/lookup", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ licenceNumber: demoLicence, _csrf: verifier.csrfToken }).toString() });
      expect(await lookup.text()).to.contain('data-testid="certificate-revoked"');
    });
  });

  // Last (mocha runs nested suites after the outer tests): it takes the credit away.
  describe("voiding", () => {
    it("removes the credit when its evidence statement is voided", async () => {
      const voiding = await fetch(`${server.baseUrl}/xapi/statements`, {
        method: "POST",
        headers: { authorization: adminAuth, "x-experience-api-version": "1.0.3", "content-type": "application/json" },
        body: JSON.stringify({ actor: { mbox: "mailto:registrar@obuka.test" }, verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { en: "voided" } }, object: { objectType: "StatementRef", id: satisfiedId } }),
      });
      expect(voiding.status).to.equal(200);
      const json = (await (await learner.request("/transcript.json")).json()) as { credits: unknown[]; summary: { earned: number } };
      expect(json.credits).to.deep.equal([]);
      expect(json.summary.earned).to.equal(0);
      expect((await learner.page("/transcript")).html).to.contain('data-testid="no-credits"');
    });
  });
});
