// The verifier's path in a real browser: a licensing body's verifier signs in, enters a
// certificate code and sees what it states plus the evidence; a visitor without an account
// checks the code and a pasted credential; axe (WCAG 2.1 AA) in all three languages.
import { expect } from "chai";
import { type Browser } from "playwright-core";
import { axeViolations } from "../../support/axe.js";
import { PortalClient, issuePortalKey, notApplicableCourseZip } from "../../support/portal.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";

const infoCourseId = "https://example.org/cmi5/info";

describe("player: certificate verification in Chromium", function () {
  let server: RunningServer;
  let browser: Browser;
  let code: string;
  let statementId: string;
  let credentialJwt: string;

  before(async function () {
    requireChromium(this);
    server = await startStandalone({
      policy: { licensingBody: "Komora (test)", courses: [{ course: infoCourseId, programme: "Informativni program (br. T-1)", points: 4, validityYears: 7 }] },
    });
    const { key } = await issuePortalKey(server);
    const upload = new FormData();
    upload.set("package", new Blob([new Uint8Array(notApplicableCourseZip(infoCourseId))], { type: "application/zip" }), "info.zip");
    expect((await fetch(`${server.baseUrl}/api/packages`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: upload })).status).to.equal(201);
    await new PortalClient(server.baseUrl, key).json("POST", "/api/registrations", { courseId: infoCourseId, learner: { username: "polaznik" } }, 201);
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    await learner.page("/transcript");
    const user = await server.playerStore.findUserByUsername("polaznik");
    const [certificate] = await server.playerStore.listCertificates(user!.id);
    code = certificate!.code;
    statementId = certificate!.statementId;
    credentialJwt = await (await learner.request(`/certificates/${code}/credential.jwt`)).text();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets a verifier look a code up and see the evidence, accessible in every language", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await logIn(page, server.baseUrl, "verifikator", testPassword);
    await page.click('nav a[href="/verify"]');
    await page.fill('input[name="code"]', code.toLowerCase().replaceAll("-", " "));
    await page.click('form[action="/verify"][method="get"] button');
    const result = page.locator('[data-testid="verification"]');
    expect(await result.getAttribute("data-status")).to.equal("valid");
    expect(await page.locator('[data-testid="holder"]').innerText()).to.equal("Milica Jovanović");
    expect(await page.locator('[data-testid="verified-points"]').innerText()).to.equal("4");
    expect(await page.locator('[data-testid="evidence"]').innerText()).to.contain(statementId);
    for (const lang of ["sr-Latn", "sr-Cyrl", "en"]) {
      await page.goto(`${server.baseUrl}/verify?code=${code}&lang=${lang}`);
      expect(await page.locator("html").getAttribute("lang")).to.equal(lang);
      expect(await axeViolations(page), lang).to.deep.equal([]);
    }
    await page.goto(`${server.baseUrl}/certificates/${code}`);
    expect(await axeViolations(page)).to.deep.equal([]);
    await context.close();
  });

  it("lets a visitor without an account check a code and a pasted credential, and see a revocation", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/verify`);
    await page.fill('input[name="code"]', code);
    await page.click('form[action="/verify"][method="get"] button');
    expect(await page.locator('[data-testid="verification"]').getAttribute("data-status")).to.equal("valid");
    expect(await page.locator('[data-testid="evidence"]').count()).to.equal(0);

    await page.fill("#credential", credentialJwt);
    await page.click('form[action="/verify"][method="post"] button');
    expect(await page.locator('[data-testid="credential-verification"]').getAttribute("data-status")).to.equal("valid");
    expect(await page.locator('[data-testid="credential-holder"]').innerText()).to.equal("Milica Jovanović");
    expect(await axeViolations(page)).to.deep.equal([]);

    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    const revoked = await admin.request(`/api/certificates/${code}/revoke`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ reason: "Greška u izdavanju" }) });
    expect(revoked.status).to.equal(200);
    await page.goto(`${server.baseUrl}/verify?code=${code}&lang=sr-Cyrl`);
    expect(await page.locator('[data-testid="verification"]').getAttribute("data-status")).to.equal("revoked");
    expect(await page.locator('[data-testid="verdict"]').innerText()).to.equal("Сертификат је опозван.");
    expect(await axeViolations(page)).to.deep.equal([]);
    await context.close();
  });
});
