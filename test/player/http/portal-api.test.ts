import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { AuSide } from "../../support/cmi5-au.js";
import { PortalClient, apiAu, apiCourseId, importWithKey, issuePortalKey, lrsStatements, portalCourseZip } from "../../support/portal.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";

interface Launch {
  sessionId: string;
  registration: string;
  launchMode: string;
  url: string;
  auLaunchUrl: string;
}

describe("player: portal REST API (docs/api.md)", () => {
  let server: RunningServer;
  let portal: PortalClient;
  let admin: HttpClient;
  let keyId: string;
  const logged: unknown[] = [];

  const enrol = (username: string, displayName?: string) =>
    portal.json<{ registration: string; created: boolean }>("POST", "/api/registrations", { courseId: apiCourseId, learner: { username, ...(displayName ? { displayName } : {}) } });
  const launchAu = (registration: string, body: Record<string, unknown>) => portal.json<Launch>("POST", `/api/registrations/${registration}/launches`, body, 201);

  before(async () => {
    server = await startStandalone({ logged });
    const issued = await issuePortalKey(server);
    admin = issued.admin;
    keyId = issued.keyId;
    portal = new PortalClient(server.baseUrl, issued.key);
    expect((await importWithKey(portal, portalCourseZip())).status).to.equal(201);
  });
  after(() => server.stop());
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  describe("authentication", () => {
    it("answers 401 in JSON without credentials, and for a key that is not ours", async () => {
      const anonymous = await fetch(`${server.baseUrl}/api/packages`);
      expect(anonymous.status).to.equal(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).to.equal("unauthenticated");
      const wrong = await new PortalClient(server.baseUrl, `obk_AAAAAAAAAAAA_${"x".repeat(43)}`).request("GET", "/api/packages");
      expect(wrong.status).to.equal(401);
    });

    it("lists keys without their secrets, lets only admins issue them, and refuses a revoked key", async () => {
      const keys = await (await admin.request("/api/keys")).json() as Record<string, unknown>[];
      expect(keys.map((k) => k.keyId)).to.include(keyId);
      expect(JSON.stringify(keys)).to.not.contain(portal.key);
      expect(keys.every((k) => !("key" in k) && !("secretHash" in k))).to.equal(true);

      expect((await portal.request("POST", "/api/keys", { name: "x" })).status).to.equal(403);
      const trainer = new HttpClient(server.baseUrl);
      await trainer.logIn("trener");
      await trainer.page("/catalog");
      const byTrainer = await trainer.request("/api/keys", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": trainer.csrfToken }, body: "{\"name\":\"x\"}" });
      expect(byTrainer.status).to.equal(403);
      const noCsrf = await admin.request("/api/keys", { method: "POST", headers: { "content-type": "application/json" }, body: "{\"name\":\"x\"}" });
      expect(noCsrf.status).to.equal(403);

      const other = await issuePortalKey(server, "Revoked portal");
      const client = new PortalClient(server.baseUrl, other.key);
      expect((await client.request("GET", "/api/packages")).status).to.equal(200);
      const revoked = await admin.request(`/api/keys/${other.keyId}`, { method: "DELETE", headers: { "x-csrf-token": admin.csrfToken } });
      expect(revoked.status).to.equal(204);
      expect((await client.request("GET", "/api/packages")).status).to.equal(401);
    });

    it("refuses a learner's session with 403: learners do not enrol or launch for others", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      await learner.page("/catalog");
      const response = await learner.request("/api/registrations", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": learner.csrfToken },
        body: JSON.stringify({ courseId: apiCourseId, learner: { username: "polaznik" } }),
      });
      expect(response.status).to.equal(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).to.equal("forbidden");
    });

    it("lets a trainer's session drive the API with the CSRF header", async () => {
      const trainer = new HttpClient(server.baseUrl);
      await trainer.logIn("trener");
      await trainer.page("/catalog");
      const response = await trainer.request("/api/registrations", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": trainer.csrfToken },
        body: JSON.stringify({ courseId: apiCourseId, learner: { username: "polaznik" } }),
      });
      expect(response.status).to.be.oneOf([200, 201]);
    });
  });

  describe("packages and registrations", () => {
    it("lists packages for a portal key", async () => {
      const packages = await portal.json<{ courseId: string }[]>("GET", "/api/packages", undefined, 200);
      expect(packages.map((p) => p.courseId)).to.include(apiCourseId);
    });

    it("enrols a new learner (201), and the same learner again gets the same registration (200)", async () => {
      const first = await portal.request("POST", "/api/registrations", { courseId: apiCourseId, learner: { username: "ana.portal", displayName: "Ana Anić" } });
      expect(first.status).to.equal(201);
      const created = (await first.json()) as { registration: string; learner: { displayName: string } };
      expect(created.registration).to.match(/^[0-9a-f-]{36}$/);
      expect(created.learner.displayName).to.equal("Ana Anić");
      const again = await portal.request("POST", "/api/registrations", { courseId: apiCourseId, learner: { username: "ana.portal" } });
      expect(again.status).to.equal(200);
      expect(((await again.json()) as { registration: string }).registration).to.equal(created.registration);
    });

    const badEnrolments: [string, unknown, string][] = [
      ["a JSON array instead of an object", [], "body"],
      ["no courseId", { learner: { username: "x" } }, "courseId"],
      ["a course that is not imported", { courseId: "https://obuka.test/none", learner: { username: "polaznik" } }, "courseId"],
      ["no learner", { courseId: apiCourseId }, "learner"],
      ["a new username without displayName", { courseId: apiCourseId, learner: { username: "niko.novi" } }, "learner.displayName"],
      ["a verifier account", { courseId: apiCourseId, learner: { username: "verifikator" } }, "learner.username"],
      ["a username with spaces", { courseId: apiCourseId, learner: { username: "a b", displayName: "A B" } }, "learner.username"],
    ];
    for (const [what, body, field] of badEnrolments) {
      it(`answers 400 naming ${field} for ${what}`, async () => {
        const response = await portal.request("POST", "/api/registrations", body);
        expect(response.status).to.equal(400);
        const error = ((await response.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).to.equal("validation_failed");
        expect(error.message.startsWith(`${field}:`), error.message).to.equal(true);
      });
    }

    it("answers 400, not 500, for malformed JSON", async () => {
      const response = await portal.request("POST", "/api/registrations", "{ not json");
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).to.equal("bad_request");
    });

    it("answers 404 for a registration that does not exist", async () => {
      expect((await portal.request("GET", "/api/registrations/00000000-0000-4000-8000-00000000dead")).status).to.equal(404);
      expect((await portal.request("POST", "/api/registrations/00000000-0000-4000-8000-00000000dead/launches", { auId: apiAu.quiz })).status).to.equal(404);
    });
  });

  describe("launches", () => {
    it("answers the launch URL with the five cmi5 parameters, URL-encoded, the AU's own query kept (8.1.0.0-5, 8.1.0.0-8, 13.1.4.0-3)", async () => {
      const { registration } = await enrol("launch.url", "Lana Lazić");
      const launch = await launchAu(registration, { auId: apiAu.reading });
      const url = new URL(launch.auLaunchUrl);
      expect(url.pathname).to.match(/\/content\/[0-9a-f-]{36}\/reading\.html$/);
      expect(url.searchParams.get("lang")).to.equal("sr-Latn");
      expect(url.searchParams.get("endpoint"), "8.1.1.0-1").to.equal(`${server.baseUrl}/xapi/`);
      expect(url.searchParams.get("fetch"), "8.1.2.0-1").to.match(new RegExp(`^${server.baseUrl}/cmi5/fetch/`));
      expect(JSON.parse(url.searchParams.get("actor")!), "8.1.3.0-1, 9.2.0.0-3").to.have.nested.property("account.name");
      expect(url.searchParams.get("registration"), "8.1.4.0-1").to.equal(registration);
      expect(url.searchParams.get("activityId"), "8.1.5.0-3").to.match(/^urn:obuka:cmi5:au:/);
      expect(launch.auLaunchUrl).to.not.contain('"'); // the actor JSON is URL-encoded
      const again = await launchAu(registration, { auId: apiAu.reading });
      expect(new URL(again.auLaunchUrl).searchParams.get("activityId"), "8.1.5.0-4").to.equal(url.searchParams.get("activityId"));
      expect(again.sessionId).to.not.equal(launch.sessionId);
    });

    it("enters a browser with no player session through the launch url, lets it load the package while the session is open, and only once", async () => {
      const { registration } = await enrol("entry.test", "Ena Entić");
      const launch = await launchAu(registration, { auId: apiAu.quiz });
      const entry = await fetch(launch.url, { redirect: "manual" });
      expect(entry.status).to.equal(303);
      expect(entry.headers.get("location")).to.equal(launch.auLaunchUrl);
      const cookie = entry.headers.get("set-cookie")!;
      expect(cookie).to.match(/^obuka_content=[^;]+; Path=\/content\/[0-9a-f-]{36}\/; HttpOnly; SameSite=Lax/);
      const content = new URL(launch.auLaunchUrl);
      expect((await fetch(content.origin + content.pathname, { headers: { cookie: cookie.split(";")[0]! }, redirect: "manual" })).status).to.equal(200);
      expect((await fetch(content.origin + content.pathname, { redirect: "manual", headers: { accept: "application/json" } })).status).to.equal(401);

      const au = await new AuSide(content).start();
      expect((await fetch(launch.url, { redirect: "manual", headers: { accept: "application/json" } })).status).to.equal(409);
      expect((await au.send("initialized")).status).to.equal(200);
      expect((await au.send("terminated", { duration: "PT1S" })).status).to.equal(200);
      expect((await fetch(content.origin + content.pathname, { headers: { cookie: cookie.split(";")[0]!, accept: "application/json" }, redirect: "manual" })).status).to.equal(401);
    });

    const badLaunches: [string, unknown, string][] = [
      ["no auId", {}, "auId"],
      ["an AU of no course here", { auId: "https://obuka.test/other/au" }, "auId"],
      ["an unknown launchMode", { auId: apiAu.quiz, launchMode: "Exam" }, "launchMode"],
      ["a relative returnURL", { auId: apiAu.quiz, returnURL: "/back" }, "returnURL"],
    ];
    for (const [what, body, field] of badLaunches) {
      it(`answers 400 naming ${field} for ${what}, and records no Launched`, async () => {
        const { registration } = await enrol("bad.launch", "Bojan Badić");
        const before = (await portal.json<{ sessions: unknown[] }>("GET", `/api/registrations/${registration}`, undefined, 200)).sessions.length;
        const response = await portal.request("POST", `/api/registrations/${registration}/launches`, body);
        expect(response.status).to.equal(400);
        expect(((await response.json()) as { error: { message: string } }).error.message.startsWith(`${field}:`)).to.equal(true);
        expect((await portal.json<{ sessions: unknown[] }>("GET", `/api/registrations/${registration}`, undefined, 200)).sessions).to.have.length(before);
      });
    }
  });

  describe("ending sessions and progress", () => {
    it("ends an open session as abandoned: one Abandoned with a duration, the token refused, a second end is 409 (9.3.6.0-1, 9.3.6.0-2 (d2), 9.3.0.0-10, 9.5.4.2-1)", async () => {
      const { registration } = await enrol("abandon.test", "Ognjen Odić");
      const launch = await launchAu(registration, { auId: apiAu.quiz });
      const au = await new AuSide(new URL(launch.auLaunchUrl)).start();
      expect((await au.send("initialized")).status).to.equal(200);

      const ended = await portal.json<{ state: string; abandonedAt: string }>("POST", `/api/registrations/${registration}/sessions/${launch.sessionId}/abandon`, undefined, 200);
      expect(ended.state).to.equal("abandoned");
      expect((await au.send("completed", { completion: true, duration: "PT1M" })).status).to.equal(401);
      expect((await portal.request("POST", `/api/registrations/${registration}/sessions/${launch.sessionId}/abandon`)).status).to.equal(409);
      expect((await portal.request("POST", `/api/registrations/${registration}/sessions/00000000-0000-4000-8000-000000000000/abandon`)).status).to.equal(404);

      const statements = await lrsStatements(server, registration);
      const abandoned = statements.filter((s) => s.verb.id === cmi5.verbs.abandoned);
      expect(abandoned).to.have.length(1);
      expect(abandoned[0]!.result?.duration).to.match(/^PT\d+(\.\d+)?S$/);
      expect(abandoned[0]!.context.extensions[cmi5.extSessionId]).to.equal(launch.sessionId);
      const progress = await portal.json<{ sessions: { sessionId: string; state: string; initializedAt?: string }[] }>("GET", `/api/registrations/${registration}`, undefined, 200);
      expect(progress.sessions.find((s) => s.sessionId === launch.sessionId)).to.include({ state: "abandoned" });
      expect(progress.sessions.find((s) => s.sessionId === launch.sessionId)?.initializedAt).to.be.a("string");
    });
  });
});
