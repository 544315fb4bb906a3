import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { AuSide } from "../../support/cmi5-au.js";
import { PortalClient, issuePortalKey, notApplicableCourseZip } from "../../support/portal.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { cmi5Zip } from "../support/package-fixtures.js";

const courseId = "https://example.org/cmi5/odd";
const au1 = "https://example.org/cmi5/odd/au/1";
/** Satisfied at enrolment (all AUs NotApplicable), and worth points under the test policy. */
const infoCourseId = "https://example.org/cmi5/info";

function form(client: HttpClient, fields: Record<string, string>): RequestInit {
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: client.csrfToken, ...fields }).toString() };
}

describe("player: learner pages over HTTP (language switch, my learning, embed)", () => {
  let server: RunningServer;

  before(async () => {
    server = await startStandalone({
      policy: { licensingBody: "Komora (test)", courses: [{ course: infoCourseId, programme: "Informativni program", points: 4, validityYears: 7 }] },
    });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    expect((await trainer.uploadPackage(cmi5Zip())).status).to.equal(201);
  });
  after(async () => server?.stop());

  describe("language switch", () => {
    it("keeps the choice in a cookie and renders every later page in it, sr-Cyrl transliterated", async () => {
      const client = new HttpClient(server.baseUrl);
      await client.page("/verify");
      const response = await client.request("/language", form(client, { lang: "sr-Cyrl", next: "/verify" }));
      expect(response.status).to.equal(303);
      expect(response.headers.get("location")).to.equal("/verify");
      expect(response.headers.get("set-cookie")).to.match(/obuka_lang=sr-Cyrl; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
      const cyrillic = await client.page("/verify");
      expect(cyrillic.html).to.match(/<html lang="sr-Cyrl">/);
      expect(cyrillic.html).to.contain("<h1>Провера сертификата</h1>");
      // The code format stays in Latin inside Cyrillic text.
      expect((await client.page("/verify?code=x")).html).to.contain("OBK-XXXX-XXXX-XXXX-XXXX");
      await client.request("/language", form(client, { lang: "en", next: "/login" }));
      const english = await client.page("/login");
      expect(english.html).to.match(/<html lang="en">/);
      expect(english.html).to.contain("<h1>Sign in</h1>");
    });

    it("takes ?lang= for one page (embed links) without changing the cookie", async () => {
      const client = new HttpClient(server.baseUrl);
      expect((await client.page("/verify?lang=en")).html).to.contain("<h1>Verify a certificate</h1>");
      expect((await client.page("/verify")).html).to.contain("<h1>Provera sertifikata</h1>");
      expect((await client.page("/verify?lang=xx")).html).to.contain("<h1>Provera sertifikata</h1>");
      // The switch on a ?lang= page returns to the page without it, so the new choice shows.
      expect((await client.page("/verify?code=x&lang=en")).html).to.contain('<input type="hidden" name="next" value="/verify?code&#x3D;x">');
    });

    it("answers 400 naming lang for an unknown language, 403 without the CSRF token, and never redirects off the site", async () => {
      const client = new HttpClient(server.baseUrl);
      await client.page("/login");
      const bad = await client.request("/language", form(client, { lang: "de", next: "/login" }));
      expect(bad.status).to.equal(400);
      expect(await bad.text()).to.contain("lang: must be one of sr-Latn, sr-Cyrl, en");
      expect(bad.headers.get("set-cookie") ?? "").not.to.contain("obuka_lang");
      const forged = await client.request("/language", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "lang=en&next=/login" });
      expect(forged.status).to.equal(403);
      expect(forged.headers.get("set-cookie") ?? "").not.to.contain("obuka_lang");
      for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
        const response = await client.request("/language", form(client, { lang: "en", next }));
        expect(response.headers.get("location"), next).to.equal("/");
      }
      // The login form's next follows the same rule.
      const login = new HttpClient(server.baseUrl);
      await login.page("/login");
      const signedIn = await login.request("/login", form(login, { username: "polaznik", password: testPassword, next: "/\\evil.example" }));
      expect(signedIn.headers.get("location")).to.equal("/catalog");
    });
  });

  describe("Moje učenje", () => {
    it("shows the course in progress with a resume button on the AU last launched, then under completed once satisfied; only to its learner", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const empty = await learner.page("/my-learning");
      expect(empty.status).to.equal(200);
      expect(empty.html).to.contain('data-testid="none-in-progress"');

      await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
      const launched = await learner.request("/course/launch", form(learner, { courseId, auId: au1 }));
      expect(launched.status).to.equal(303);
      const inProgress = await learner.page("/my-learning");
      expect(inProgress.html).to.contain('data-testid="in-progress"');
      expect(inProgress.html).to.contain("Završeno jedinica: 0 od 1");
      expect(inProgress.html).to.contain("Nastavljate: Jedinica 1");
      expect(inProgress.html).to.contain(`name="auId" value="${au1}"`);

      // Somebody else sees nothing of it.
      const other = new HttpClient(server.baseUrl);
      await other.logIn("admin");
      const theirs = await other.page("/my-learning");
      expect(theirs.html).to.contain('data-testid="none-in-progress"');
      expect(theirs.html).not.to.contain("Čudna cmi5 obuka");

      // The resume button launches that AU again.
      const resumed = await learner.request("/course/launch", form(learner, { courseId, auId: au1 }));
      const au = await new AuSide(new URL(resumed.headers.get("location")!)).start();
      expect((await au.send("initialized")).status).to.equal(200);
      expect((await au.send("passed", { success: true, score: { scaled: 0.9 }, duration: "PT1M" }, { [cmi5.extMasteryScore]: 0.8 })).status).to.equal(200);
      const done = await learner.page("/my-learning");
      expect(done.html).not.to.contain('data-testid="in-progress"');
      expect(done.html).to.match(/data-testid="completed">\s*<h3><a href="\/course\?id=https%3A%2F%2Fexample.org%2Fcmi5%2Fodd">Čudna cmi5 obuka<\/a>/);
      expect(done.html).not.to.contain('data-testid="resume"');
    });

    it("lists credits earned with their total, and a course satisfied at enrolment under completed", async () => {
      const { key } = await issuePortalKey(server);
      const portal = new PortalClient(server.baseUrl, key);
      const form = new FormData();
      form.set("package", new Blob([new Uint8Array(notApplicableCourseZip(infoCourseId))], { type: "application/zip" }), "info.zip");
      expect((await fetch(`${server.baseUrl}/api/packages`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form })).status).to.equal(201);
      await portal.json("POST", "/api/registrations", { courseId: infoCourseId, learner: { username: "polaznik" } }, 201);
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const page = await learner.page("/my-learning");
      expect(page.html).to.match(/data-testid="completed">\s*<h3><a href="\/course\?id=https%3A%2F%2Fexample.org%2Fcmi5%2Finfo">Informativni kurs<\/a>/);
      // 4 takes the paucal form (CLDR "few"): "4 boda", not "4 bodova".
      expect(page.html).to.contain('<li data-testid="credit-line">Informativni kurs: 4 boda · Informativni program</li>');
      expect(page.html).to.contain('<p class="points" data-testid="my-total-points">Ukupno: 4 boda</p>');
      const cyrillic = await learner.page("/my-learning?lang=sr-Cyrl");
      expect(cyrillic.html).to.contain('<p class="points" data-testid="my-total-points">Укупно: 4 бода</p>');
      const english = await learner.page("/my-learning?lang=en");
      expect(english.html).to.contain("Total: 4 points");
      const other = new HttpClient(server.baseUrl);
      await other.logIn("admin");
      expect((await other.page("/my-learning")).html).not.to.contain("credit-line");
    });

    it("sends a visitor without a session to the login page", async () => {
      const response = await new HttpClient(server.baseUrl).request("/my-learning");
      expect(response.status).to.equal(303);
      expect(response.headers.get("location")).to.equal("/login?next=%2Fmy-learning");
    });
  });

  describe("embed page", () => {
    it("renders the course without the player's chrome, AUs opening in a new window, framable only by 'self' by default", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const response = await learner.request(`/embed/course?id=${encodeURIComponent(courseId)}&lang=en`);
      const html = await response.text();
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-security-policy")).to.contain("frame-ancestors 'self';");
      expect(response.headers.get("x-frame-options")).to.equal("SAMEORIGIN");
      expect(html).not.to.contain("<header");
      expect(html).not.to.contain("<nav");
      expect(html).to.match(/<form method="post" action="\/course\/launch" target="_blank">/);
      expect(html).to.contain("opens in a new window");
    });

    it("tells a visitor who is not signed in where to sign in (401, framable like the embed page), since the sign-in page itself may not be framed", async () => {
      const response = await fetch(`${server.baseUrl}/embed/course?id=${encodeURIComponent(courseId)}&lang=en`);
      const html = await response.text();
      expect(response.status).to.equal(401);
      expect(response.headers.get("content-security-policy")).to.contain("frame-ancestors 'self';");
      expect(html).to.contain("Sign in to see the training and your progress.");
      expect(html).to.contain(`href="/login?next=${encodeURIComponent(`/embed/course?id=${encodeURIComponent(courseId)}&lang=en`)}" target="_blank" rel="noopener"`);
      expect(html).not.to.contain("<header");
    });

    it("answers 400 naming id without a course id, and 404 for an unknown course", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const missing = await learner.request("/embed/course", { headers: { accept: "application/json" } });
      expect(missing.status).to.equal(400);
      expect(((await missing.json()) as { error: { message: string } }).error.message).to.match(/^id: /);
      expect((await learner.request("/embed/course?id=https%3A%2F%2Fexample.org%2Fnone")).status).to.equal(404);
    });
  });
});
