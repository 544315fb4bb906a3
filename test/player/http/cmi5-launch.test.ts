import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { launchUrlOfFramePage } from "../../support/au-frame.js";
import { AuSide } from "../../support/cmi5-au.js";
import { HttpClient, type RunningServer, accountHomePage, startStandalone } from "../../support/standalone.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { cmi5Zip } from "../support/package-fixtures.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const auId = `${courseId}/au/1`;

describe("player: cmi5 launch (AICC cmi5 sections 8 and 10)", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let adminAuth: string;

  async function launch(): Promise<AuSide> {
    await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
    const response = await learner.request("/course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ courseId, auId, _csrf: learner.csrfToken }).toString(),
    });
    return new AuSide(await launchUrlOfFramePage(response));
  }

  async function statementsFor(registration: string): Promise<{ verb: { id: string }; object: { id: string }; context: Record<string, unknown> }[]> {
    const response = await fetch(`${server.baseUrl}/xapi/statements?registration=${registration}&ascending=true`, {
      headers: { authorization: adminAuth, "x-experience-api-version": "1.0.3" },
    });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { statements: never[] }).statements;
  }

  before(async () => {
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const zip = rawZip([
      { name: "cmi5.xml", content: minimalCmi5Xml({ courseId, masteryScore: "0.8" }).replace(`${courseId}/au/1`, auId) },
      { name: "index.html", content: "<!doctype html><title>AU</title>" },
    ]);
    expect((await trainer.uploadPackage(zip)).status).to.equal(201);
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    const { key, secret } = await server.lrs.credentials.create({ name: "test reader", scopes: ["all"] });
    adminAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
  });
  after(() => server.stop());

  it("launches with the five launch parameters and an LMS-generated activityId (8.1, 8.1.5.0-3)", async () => {
    const au = await launch();
    expect(au.launchUrl.pathname).to.match(/^\/content\/[0-9a-f-]{36}\/index\.html$/);
    for (const name of ["endpoint", "fetch", "actor", "registration", "activityId"]) expect(au.params.get(name), name).to.be.a("string");
    expect(au.params.get("endpoint")).to.equal(`${server.baseUrl}/xapi/`);
    expect(au.params.get("activityId")).to.not.equal(auId);
    expect(au.params.get("registration")).to.match(/^[0-9a-f-]{36}$/);
    expect(au.actor.account.homePage).to.equal(accountHomePage);
  });

  it("records Launched before launching, with the launch context extensions (9.3.1.0-1, 9.6.3)", async () => {
    const au = await launch();
    const [launched] = await statementsFor(au.params.get("registration")!);
    expect(launched!.verb.id).to.equal(cmi5.verbs.launched);
    const extensions = launched!.context.extensions as Record<string, unknown>;
    expect(extensions[cmi5.extLaunchMode]).to.equal("Normal");
    expect(extensions[cmi5.extMoveOn]).to.equal("CompletedAndPassed");
    expect(extensions[cmi5.extMasteryScore]).to.equal(0.8);
    expect(extensions[cmi5.extLaunchUrl]).to.equal(`${au.launchUrl.origin}${au.launchUrl.pathname}`);
    expect(extensions[cmi5.extSessionId]).to.be.a("string");
  });

  it("returns the auth-token once; a second POST gets error-code 1 (8.2.3.0-1)", async () => {
    const au = await launch();
    const first = await au.fetchToken();
    expect(first["auth-token"]).to.be.a("string");
    const second = await au.fetchToken();
    expect(second).to.deep.include({ "error-code": "1" });
    expect(second).to.not.have.property("auth-token");
  });

  it("writes LMS.LaunchData, readable but not writable by the AU (10.0, 10.2.1.0-5 (d))", async () => {
    const au = await launch();
    au.authToken = (await au.fetchToken())["auth-token"]!;
    const response = await au.xapi(au.stateUrl("LMS.LaunchData"));
    expect(response.status).to.equal(200);
    const data = (await response.json()) as Record<string, unknown> & { contextTemplate: { extensions: Record<string, unknown>; contextActivities: { grouping: { id: string }[] } } };
    expect(data).to.include({ launchMode: "Normal", moveOn: "CompletedAndPassed", masteryScore: 0.8 });
    expect(data.returnURL, "10.2.6: the return page leads back to the course page").to.equal(`${server.baseUrl}/course/return?id=${encodeURIComponent(courseId)}`);
    expect(data.contextTemplate.contextActivities.grouping).to.deep.include({ objectType: "Activity", id: auId });
    expect(data.contextTemplate.extensions[cmi5.extSessionId]).to.be.a("string");
    const overwrite = await au.xapi(au.stateUrl("LMS.LaunchData"), { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(overwrite.status).to.equal(403);
    expect(((await au.xapi(au.stateUrl("LMS.LaunchData"))).status)).to.equal(200);
  });

  it("counts only cmi5 defined statements about the AU toward progress (a video's completed is not the AU's)", async () => {
    const au = await (await launch()).start();
    const template = au.template;
    expect((await au.send("initialized")).status).to.equal(200);
    const videoCompleted = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      actor: au.actor,
      verb: { id: cmi5.verbs.completed, display: { "en-US": "completed" } },
      object: { objectType: "Activity", id: "https://obuka.rs/courses/pride-foster-care/video/uvod", definition: { type: "https://w3id.org/xapi/video/activity-type/video" } },
      result: { completion: true },
      context: { registration: au.registration, extensions: template.extensions, contextActivities: { ...template.contextActivities, category: [{ id: "https://w3id.org/xapi/video" }] } },
    };
    const response = await au.xapi("statements", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(videoCompleted) });
    expect(response.status).to.equal(200);
    const page = await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
    expect(page.html).to.match(/data-testid="au-status">Nije započeto</);
  });

  it("records Abandoned for a session left without Terminated when the learner launches again, and ends its token (9.3.6)", async () => {
    const first = await (await launch()).start();
    const template = first.template;
    expect((await first.send("initialized")).status).to.equal(200);
    await launch();
    expect((await first.send("terminated", { duration: "PT1S" })).status).to.equal(401);
    const statements = (await statementsFor(first.params.get("registration")!)) as unknown as { verb: { id: string }; result?: { duration?: string }; context: { extensions: Record<string, string> } }[];
    const abandoned = statements.filter((s) => s.verb.id === cmi5.verbs.abandoned && s.context.extensions[cmi5.extSessionId] === template.extensions[cmi5.extSessionId]);
    expect(abandoned).to.have.length(1);
    expect(abandoned[0]!.result?.duration).to.match(/^PT\d+(\.\d+)?S$/);
  });

  it("tracks a session to Satisfied, refuses a pass below mastery with 403 (9.3.4.0-2 (d2)), and ends the token at Terminated (9.3.8.0-4)", async () => {
    const au = await (await launch()).start();
    expect((await au.send("initialized")).status).to.equal(200);
    const low = await au.send("passed", { success: true, score: { scaled: 0.5 }, duration: "PT1M" }, { [cmi5.extMasteryScore]: 0.8 });
    expect(low.status).to.equal(403);
    expect(await low.text()).to.contain("9.3.4.0-2");
    expect((await au.send("completed", { completion: true, duration: "PT1M" })).status).to.equal(200);
    expect((await au.send("passed", { success: true, score: { scaled: 1 }, duration: "PT1M" }, { [cmi5.extMasteryScore]: 0.8 })).status).to.equal(200);
    expect((await au.send("terminated", { duration: "PT2M" })).status).to.equal(200);
    const after = await au.send("initialized");
    expect(after.status).to.equal(401);

    const verbs = (await statementsFor(au.params.get("registration")!)).map((s) => s.verb.id);
    expect(verbs).to.include.members([cmi5.verbs.initialized, cmi5.verbs.completed, cmi5.verbs.passed, cmi5.verbs.terminated, cmi5.verbs.satisfied]);
    expect(verbs.filter((v) => v === cmi5.verbs.satisfied)).to.have.length(1);
    const page = await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
    expect(page.html).to.contain('data-satisfied="true"');
    const transcript = await learner.page("/transcript");
    expect(transcript.html).to.match(/data-testid="points">6</);
  });

  it("offers a satisfied AU again in Review mode from the course page, and refuses an unknown mode with 400 (10.2.2.0-3 (d))", async () => {
    const page = await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
    expect(page.html).to.contain('data-testid="review"');
    const post = (launchMode: string) =>
      learner.request("/course/launch", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ courseId, auId, launchMode, _csrf: learner.csrfToken }).toString(),
      });
    const review = await post("Review");
    const au = await new AuSide(await launchUrlOfFramePage(review)).start();
    expect(au.launchData.launchMode).to.equal("Review");
    expect((await au.send("initialized")).status).to.equal(200);
    expect((await au.send("completed", { completion: true, duration: "PT1S" })).status).to.equal(403);
    const wrong = await post("Exam");
    expect(wrong.status).to.equal(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).to.match(/^launchMode:/);
  });
});

describe("player: cmi5 AU window context (8.1.0.0-1 to -3) and returnURL (10.2.6)", () => {
  let server: RunningServer;
  let learner: HttpClient;
  const frameCourse = "https://example.org/courses/frame";

  before(async () => {
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const zip = rawZip([
      { name: "cmi5.xml", content: minimalCmi5Xml({ courseId: frameCourse, auUrl: "au/index.html?tema=1" }) },
      { name: "au/index.html", content: "<!doctype html><title>AU</title>" },
    ]);
    expect((await trainer.uploadPackage(zip)).status).to.equal(201);
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
  });
  after(() => server.stop());

  it("runs an AnyWindow AU in an iframe of a player page with its title and a way back, never cached", async () => {
    const coursePage = await learner.page(`/course?id=${encodeURIComponent(frameCourse)}`);
    expect(coursePage.html, "AnyWindow: no new window").not.to.contain('target="_blank"');
    const response = await learner.request("/course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ courseId: frameCourse, auId: `${frameCourse}/au/1`, _csrf: learner.csrfToken }).toString(),
    });
    const csp = response.headers.get("content-security-policy")!;
    const url = await launchUrlOfFramePage(response.clone());
    const html = await response.text();
    expect(url.pathname).to.match(/^\/content\/[0-9a-f-]{36}\/au\/index\.html$/);
    expect(url.searchParams.get("tema"), "the AU's own query string stays").to.equal("1");
    expect(url.searchParams.get("fetch"), "8.1.0.0-4").to.match(/\/cmi5\/fetch\//);
    expect(html).to.match(/<h1 id="au-frame-title">Jedinica 1<\/h1>/);
    expect(html).to.contain(`href="/course?id&#x3D;${encodeURIComponent(frameCourse)}" data-testid="exit-au"`);
    expect(html).to.contain('title="Jedinica obuke: Jedinica 1"');
    // Same-site content may be framed: frame-src falls back to default-src 'self'.
    expect(csp).to.contain("default-src 'self'");
    expect(csp).not.to.contain("frame-src");
  });

  it("frames an AnyWindow AU hosted on another site by naming that site in frame-src, and sends an OwnWindow AU to a new window with a 303", async () => {
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    expect((await trainer.uploadPackage(cmi5Zip())).status).to.equal(201);
    const oddCourse = "https://example.org/cmi5/odd";
    const coursePage = await learner.page(`/course?id=${encodeURIComponent(oddCourse)}`);
    // au/1 is OwnWindow, au/2 (remote) AnyWindow: exactly one form opens a new window.
    expect(coursePage.html.match(/target="_blank"/g)).to.have.length(1);
    expect(coursePage.html).to.contain('aria-describedby="au-0 new-window"');
    const post = (auId: string) =>
      learner.request("/course/launch", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ courseId: oddCourse, auId, _csrf: learner.csrfToken }).toString(),
      });
    const remote = await post(`${oddCourse}/au/2`);
    expect(remote.headers.get("content-security-policy")).to.contain("; frame-src 'self' https://content.example.org");
    expect((await launchUrlOfFramePage(remote)).origin).to.equal("https://content.example.org");
    const ownWindow = await post(`${oddCourse}/au/1`);
    expect(ownWindow.status, "8.1.0.0-2").to.equal(303);
    expect(ownWindow.headers.get("location")).to.match(/\/content\/[0-9a-f-]{36}\/au\/jedan\/index\.html\?tema=plava&endpoint=/);
  });

  it("sends a frame to the course page in the whole window, and a window straight to the course page", async () => {
    const path = `/course/return?id=${encodeURIComponent(frameCourse)}`;
    const inFrame = await learner.request(path, { headers: { "sec-fetch-dest": "iframe" } });
    expect(inFrame.status).to.equal(200);
    const html = await inFrame.text();
    expect(html).to.contain(`href="/course?id&#x3D;${encodeURIComponent(frameCourse)}" target="_top"`);
    expect(html).to.contain('<script src="/assets/au-return.js"></script>');
    const inWindow = await learner.request(path, { headers: { "sec-fetch-dest": "document" } });
    expect(inWindow.status).to.equal(303);
    expect(inWindow.headers.get("location")).to.equal(`/course?id=${encodeURIComponent(frameCourse)}`);
    const missing = await learner.request("/course/return", { headers: { accept: "application/json" } });
    expect(missing.status).to.equal(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).to.match(/^id:/);
  });
});
