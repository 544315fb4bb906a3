// Certificates over HTTP: the public verification page, the verifier's lookup with evidence,
// the holder's PDF and Open Badges credential verified offline against the published JWKS
// and status list, revocation by an administrator, and the per-IP rate limit.
import { expect } from "chai";
import { verifyOpenBadgeJwt } from "../../../player/domain/open-badge-verification.js";
import { PortalClient, issuePortalKey, notApplicableCourseZip } from "../../support/portal.js";
import { pdfText, hasPdftotext } from "../../support/pdf-text.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";

const infoCourseId = "https://example.org/cmi5/info";
const policy = { licensingBody: "Komora (test)", courses: [{ course: infoCourseId, programme: "Informativni program (br. T-1)", points: 4, validityYears: 7 }] };

function json(client: HttpClient, body: unknown): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken }, body: JSON.stringify(body) };
}

function form(client: HttpClient, fields: Record<string, string>): RequestInit {
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: client.csrfToken, ...fields }).toString() };
}

describe("player: certificates and verification over HTTP", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let code: string;
  let portalKey: string;

  before(async () => {
    server = await startStandalone({ policy, certificates: { issuerName: "Centar za obuku (test)", verifyRateLimit: { burst: 1000, perMinute: 1000 } } });
    const { key } = await issuePortalKey(server);
    portalKey = key;
    const upload = new FormData();
    upload.set("package", new Blob([new Uint8Array(notApplicableCourseZip(infoCourseId))], { type: "application/zip" }), "info.zip");
    expect((await fetch(`${server.baseUrl}/api/packages`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: upload })).status).to.equal(201);
    // Satisfied at enrolment: every AU is NotApplicable, so the course earns its points at once.
    await new PortalClient(server.baseUrl, key).json("POST", "/api/registrations", { courseId: infoCourseId, learner: { username: "polaznik" } }, 201);
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    expect((await learner.page("/transcript")).status).to.equal(200);
    const user = await server.playerStore.findUserByUsername("polaznik");
    const certificates = await server.playerStore.listCertificates(user!.id);
    expect(certificates).to.have.length(1);
    code = certificates[0]!.code;
  });
  after(async () => server?.stop());

  it("shows anyone what the certificate states, and no evidence, and audits the lookup as public", async () => {
    const visitor = new HttpClient(server.baseUrl);
    const page = await visitor.page(`/verify?code=${code.toLowerCase()}`);
    expect(page.status).to.equal(200);
    expect(page.html).to.contain('data-status="valid"');
    expect(page.html).to.contain('<dd data-testid="holder">Milica Jovanović</dd>');
    expect(page.html).to.contain('<dd data-testid="verified-points">4</dd>');
    expect(page.html).to.contain("Informativni program (br. T-1)");
    expect(page.html).not.to.contain('data-testid="evidence"');
    expect(page.html).not.to.contain("RS-SZ-000123");
    const [entry] = await server.playerStore.listAudit({ actor: "public", limit: 1 });
    expect(entry).to.include({ action: "verify-code", subject: code, outcome: "valid" });
    expect((await visitor.page("/verify?code=OBK-0000-0000-0000-0000")).html).to.contain('data-status="unknown"');
    expect((await visitor.page("/verify?code=%3Cscript%3E")).html).to.contain('data-status="malformed"').and.not.contain("<script>");
  });

  it("shows a signed-in verifier the evidence too, audited with their user id", async () => {
    const verifier = new HttpClient(server.baseUrl);
    await verifier.logIn("verifikator");
    const page = await verifier.page(`/verify?code=${code}`);
    const certificate = (await server.playerStore.findCertificate(code))!;
    expect(page.html).to.contain(`<code>${certificate.statementId}</code>`);
    const user = await server.playerStore.findUserByUsername("verifikator");
    expect((await server.playerStore.listAudit({ actor: user!.id, limit: 1 }))[0]).to.include({ action: "verify-code", subject: code });
    // A learner who is not the holder sees no more than the public.
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    expect((await trainer.page(`/verify?code=${code}`)).html).not.to.contain('data-testid="evidence"');
  });

  it("publishes the issuer's public keys, and serves the holder a credential that verifies offline", async () => {
    const jwksResponse = await fetch(`${server.baseUrl}/.well-known/jwks.json`);
    expect(jwksResponse.headers.get("access-control-allow-origin")).to.equal("*");
    const jwks = (await jwksResponse.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).to.have.length(1);
    expect(jwks.keys[0]).to.include({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" }).and.not.have.property("d");

    const page = await learner.page(`/certificates/${code}`);
    expect(page.html).to.contain(`href="/certificates/${code}/credential.jwt"`);
    const download = await learner.request(`/certificates/${code}/credential.jwt`);
    expect(download.status).to.equal(200);
    expect(download.headers.get("content-disposition")).to.equal(`attachment; filename="${code}.jwt"`);
    const jwt = await download.text();
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as { credentialStatus: { statusListCredential: string } };
    const listUrl = payload.credentialStatus.statusListCredential;
    expect(listUrl).to.equal(`${server.baseUrl}/credentials/status/1`);
    const statusListJwt = await (await fetch(listUrl)).text();
    const verdict = await verifyOpenBadgeJwt(jwt, jwks as never, { now: new Date(), statusListJwt });
    expect(verdict.status, verdict.detail).to.equal("valid");
    expect(verdict.credential?.credentialSubject.identifier[0]?.identityHash).to.equal("Milica Jovanović");
    expect(verdict.credential?.credentialSubject.creditsEarned).to.equal(4);
  });

  it("lets only the holder, verifiers and admins download the certificate", async () => {
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    expect((await trainer.request(`/certificates/${code}/credential.jwt`)).status).to.equal(404);
    expect((await trainer.request(`/certificates/${code}/certificate.pdf`)).status).to.equal(404);
    expect((await new HttpClient(server.baseUrl).request(`/certificates/${code}/certificate.pdf`)).status).to.equal(303);
    const verifier = new HttpClient(server.baseUrl);
    await verifier.logIn("verifikator");
    expect((await verifier.request(`/certificates/${code}/certificate.pdf`)).status).to.equal(200);
  });

  it("prints the PDF in the learner's language and script", async function () {
    if (!(await hasPdftotext())) {
      if (process.env.CI === "true") throw new Error("pdftotext is required under CI=true");
      this.skip();
    }
    const response = await learner.request(`/certificates/${code}/certificate.pdf?lang=sr-Cyrl`);
    expect(response.headers.get("content-type")).to.equal("application/pdf");
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).to.contain("Милица Јовановић");
    expect(text).to.contain(code);
    expect(text).to.match(/Бодови:\s+4/);
  });

  it("verifies a pasted credential, and reports an altered one as such; the form needs its CSRF token", async () => {
    const jwt = await (await learner.request(`/certificates/${code}/credential.jwt`)).text();
    const visitor = new HttpClient(server.baseUrl);
    await visitor.page("/verify");
    const valid = await (await visitor.request("/verify", form(visitor, { credential: jwt }))).text();
    expect(valid).to.contain('data-testid="credential-verification" data-status="valid"');
    expect(valid).to.contain('<dd data-testid="credential-holder">Milica Jovanović</dd>');
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const forged = Buffer.from(Buffer.from(p, "base64url").toString("utf8").replace('"creditsEarned":4', '"creditsEarned":40')).toString("base64url");
    const tampered = await (await visitor.request("/verify", form(visitor, { credential: `${h}.${forged}.${s}` }))).text();
    expect(tampered).to.contain('data-status="tampered"');
    expect(tampered).not.to.contain("credential-holder");
    expect((await visitor.request("/verify", form(visitor, { credential: "" }))).status).to.equal(400);
    const noToken = await visitor.request("/verify", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ credential: jwt }).toString() });
    expect(noToken.status).to.equal(403);
    expect((await server.playerStore.listAudit({ actor: "public", limit: 1 }))[0]).to.include({ action: "verify-credential", outcome: "tampered" });
  });

  it("lets only an administrator revoke, with a reason; then every view shows it revoked", async () => {
    const jwt = await (await learner.request(`/certificates/${code}/credential.jwt`)).text();
    await learner.page("/catalog");
    expect((await learner.request(`/api/certificates/${code}/revoke`, json(learner, { reason: "x" }))).status).to.equal(403);
    const byKey = await fetch(`${server.baseUrl}/api/certificates/${code}/revoke`, { method: "POST", headers: { authorization: `Bearer ${portalKey}`, "content-type": "application/json" }, body: JSON.stringify({ reason: "x" }) });
    expect(byKey.status).to.equal(403);

    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    const missing = await admin.request(`/api/certificates/${code}/revoke`, json(admin, {}));
    expect(missing.status).to.equal(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).to.match(/^reason:/);
    expect((await admin.request("/api/certificates/OBK-0000-0000-0000-0000/revoke", json(admin, { reason: "x" }))).status).to.equal(404);
    const revoked = await admin.request(`/api/certificates/${code}/revoke`, json(admin, { reason: "Program nije bio akreditovan" }));
    expect(revoked.status).to.equal(200);
    expect(await revoked.json()).to.include({ code, reason: "Program nije bio akreditovan" });

    const page = await new HttpClient(server.baseUrl).page(`/verify?code=${code}`);
    expect(page.html).to.contain('data-status="revoked"');
    expect(page.html).to.contain('<dd data-testid="revocation-reason">Program nije bio akreditovan</dd>');
    expect((await learner.page(`/certificates/${code}`)).html).to.contain('data-status="revoked"');

    const jwks = await (await fetch(`${server.baseUrl}/.well-known/jwks.json`)).json();
    const statusListJwt = await (await fetch(`${server.baseUrl}/credentials/status/1`)).text();
    expect((await verifyOpenBadgeJwt(jwt, jwks as never, { now: new Date(), statusListJwt })).status).to.equal("revoked");
    const visitor = new HttpClient(server.baseUrl);
    await visitor.page("/verify");
    const pasted = await (await visitor.request("/verify", form(visitor, { credential: jwt }))).text();
    expect(pasted).to.contain('data-status="revoked"').and.contain("Program nije bio akreditovan");
  });
});

describe("player: the verification page's rate limit", () => {
  let server: RunningServer;
  before(async () => {
    server = await startStandalone({ policy, certificates: { verifyRateLimit: { burst: 3, perMinute: 1 } } });
  });
  after(async () => server?.stop());

  it("answers 429 with Retry-After once a client has used its burst, and says so in words", async () => {
    const visitor = new HttpClient(server.baseUrl);
    for (let i = 0; i < 3; i++) expect((await visitor.request("/verify?code=OBK-0000-0000-0000-0000")).status).to.equal(200);
    const limited = await visitor.request("/verify?code=OBK-0000-0000-0000-0000");
    expect(limited.status).to.equal(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).to.be.within(1, 60);
    expect(await limited.text()).to.contain("Previše provera");
    // The issuer's keys are not behind the page's limit: offline verifiers fetch them freely.
    expect((await fetch(`${server.baseUrl}/.well-known/jwks.json`)).status).to.equal(200);
    expect((await server.playerStore.listAudit({ actor: "public", limit: 10 }))).to.have.length(3);
  });
});

describe("player: revoking from the certificate page", () => {
  let server: RunningServer;
  before(async () => {
    server = await startStandalone({ policy });
  });
  after(async () => server?.stop());

  it("shows administrators a revoke form that needs a reason and the CSRF token", async () => {
    const { key } = await issuePortalKey(server);
    const upload = new FormData();
    upload.set("package", new Blob([new Uint8Array(notApplicableCourseZip(infoCourseId))], { type: "application/zip" }), "info.zip");
    await fetch(`${server.baseUrl}/api/packages`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: upload });
    await new PortalClient(server.baseUrl, key).json("POST", "/api/registrations", { courseId: infoCourseId, learner: { username: "polaznik" } }, 201);
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    await learner.page("/transcript");
    const [certificate] = await server.playerStore.listCertificates((await server.playerStore.findUserByUsername("polaznik"))!.id);
    const code = certificate!.code;
    expect((await learner.page(`/certificates/${code}`)).html).not.to.contain("/revoke");
    expect((await learner.request(`/certificates/${code}/revoke`, form(learner, { reason: "x" }))).status).to.equal(403);

    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    expect((await admin.page(`/certificates/${code}`)).html).to.contain(`action="/certificates/${code}/revoke"`);
    expect((await admin.request(`/certificates/${code}/revoke`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "reason=x" })).status).to.equal(403);
    expect((await admin.request(`/certificates/${code}/revoke`, form(admin, { reason: " " }))).status).to.equal(400);
    const done = await admin.request(`/certificates/${code}/revoke`, form(admin, { reason: "Greška u izdavanju" }));
    expect(done.status).to.equal(303);
    const page = await admin.page(done.headers.get("location")!);
    expect(page.html).to.contain('data-status="revoked"').and.contain("Greška u izdavanju").and.not.contain(`action="/certificates/${code}/revoke"`);
  });
});
