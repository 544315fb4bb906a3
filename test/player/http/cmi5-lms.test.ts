import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { lmsActivityId } from "../../../player/domain/lms-ids.js";
import { AuSide } from "../../support/cmi5-au.js";
import { PortalClient, apiAu, apiBlockId, apiCourseId, importWithKey, issuePortalKey, lrsStatements, notApplicableCourseZip, portalCourseZip } from "../../support/portal.js";
import { type RunningServer, startStandalone } from "../../support/standalone.js";

/** The LMS side of cmi5, driven as a portal and an AU would, over HTTP on 127.0.0.1. */
describe("player: the cmi5 LMS side (AICC cmi5 sections 8 to 11)", () => {
  let server: RunningServer;
  let portal: PortalClient;
  let learnerCount = 0;
  const logged: unknown[] = [];

  async function newRegistration(): Promise<string> {
    learnerCount += 1;
    const body = await portal.json<{ registration: string }>("POST", "/api/registrations", { courseId: apiCourseId, learner: { username: `lms.${learnerCount}`, displayName: `Polaznica ${learnerCount}` } }, 201);
    return body.registration;
  }

  async function launch(registration: string, auId: string, extra: Record<string, unknown> = {}): Promise<{ au: AuSide; sessionId: string }> {
    const body = await portal.json<{ auLaunchUrl: string; sessionId: string }>("POST", `/api/registrations/${registration}/launches`, { auId, ...extra }, 201);
    return { au: new AuSide(new URL(body.auLaunchUrl)), sessionId: body.sessionId };
  }

  before(async () => {
    server = await startStandalone({ logged });
    portal = new PortalClient(server.baseUrl, (await issuePortalKey(server)).key);
    expect((await importWithKey(portal, portalCourseZip())).status).to.equal(201);
  });
  after(() => server.stop());
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  describe("launch", () => {
    it("writes LMS.LaunchData before launch with everything section 10 lists (10.1.0.0-1..5, 10.2.1.0-1..3, 10.2.2.0-4, 10.2.3.0-1, 10.2.4.0-1, 10.2.5.0-1, 10.2.7.0-1)", async () => {
      const registration = await newRegistration();
      const { au, sessionId } = await launch(registration, apiAu.quiz, { returnURL: "https://portal.example/back?x=1" });
      await au.start();
      expect(au.launchData).to.deep.include({
        launchMode: "Normal",
        launchParameters: "mode=quiz",
        masteryScore: 0.8,
        moveOn: "CompletedAndPassed",
        returnURL: "https://portal.example/back?x=1",
        entitlementKey: { courseStructure: "xyz-123-9999" },
      });
      expect(au.template.extensions[cmi5.extSessionId]).to.equal(sessionId);
      expect(au.template.contextActivities.grouping).to.deep.include({ objectType: "Activity", id: apiAu.quiz });
    });

    it("records one Launched with the launch context before the AU starts (9.3.1.0-1, 9.3.1.0-2, 9.6.2.3-2, 9.6.3.1-3, 9.6.3.2-1, 9.6.3.3-1, 9.6.3.4-1, 9.6.3.6-1, 9.6.3.7-1)", async () => {
      const registration = await newRegistration();
      const { au, sessionId } = await launch(registration, apiAu.quiz, { launchMode: "Browse" });
      const launched = (await lrsStatements(server, registration)).filter((s) => s.verb.id === cmi5.verbs.launched);
      expect(launched).to.have.length(1);
      const { context, object } = launched[0]!;
      expect(object.id).to.equal(au.params.get("activityId"));
      expect(context.contextActivities.grouping).to.deep.include({ objectType: "Activity", id: apiAu.quiz });
      expect(context.contextActivities.category).to.deep.include({ objectType: "Activity", id: cmi5.categoryCmi5 });
      expect(context.extensions).to.deep.include({
        [cmi5.extSessionId]: sessionId,
        [cmi5.extMasteryScore]: 0.8,
        [cmi5.extLaunchMode]: "Browse",
        [cmi5.extLaunchUrl]: `${au.launchUrl.origin}${au.launchUrl.pathname}`,
        [cmi5.extMoveOn]: "CompletedAndPassed",
        [cmi5.extLaunchParameters]: "mode=quiz",
      });
    });

    it("answers the fetch URL by POST only, once, with JSON; then error-code 1, and error-code 2 for an unknown one (8.2.1.0-2 (d), 8.2.1.0-3, 8.2.2.0-3, 8.2.3.0-1)", async () => {
      const { au } = await launch(await newRegistration(), apiAu.reading);
      const byGet = await fetch(au.params.get("fetch")!, { headers: { accept: "application/json" } });
      expect(byGet.status).to.not.equal(200);
      const first = await au.fetchToken();
      expect(Object.keys(first)).to.deep.equal(["auth-token"]);
      expect(await au.fetchToken()).to.deep.equal({ "error-code": "1", "error-text": "The authorization token has already been returned." });
      const unknown = await fetch(`${server.baseUrl}/cmi5/fetch/not-a-token`, { method: "POST" });
      expect(unknown.status).to.equal(200);
      expect(await unknown.json()).to.include({ "error-code": "2" });
    });

    it("keeps LMS.LaunchData read-only to the AU: PUT, POST, DELETE and a scope DELETE are 403 (10.2.1.0-5 (d))", async () => {
      const { au } = await launch(await newRegistration(), apiAu.reading);
      await au.start();
      const json = { "content-type": "application/json" };
      expect((await au.xapi(au.stateUrl("LMS.LaunchData"), { method: "PUT", headers: json, body: "{}" })).status).to.equal(403);
      expect((await au.xapi(au.stateUrl("LMS.LaunchData"), { method: "POST", headers: json, body: "{}" })).status).to.equal(403);
      expect((await au.xapi(au.stateUrl("LMS.LaunchData"), { method: "DELETE" })).status).to.equal(403);
      const scope = new URLSearchParams({ activityId: au.params.get("activityId")!, agent: JSON.stringify(au.actor), registration: au.registration });
      expect((await au.xapi(`activities/state?${scope.toString()}`, { method: "DELETE" })).status).to.equal(403);
      const reread = await au.xapi(au.stateUrl("LMS.LaunchData"));
      expect(await reread.json()).to.deep.equal(au.launchData);
      expect((await au.xapi(au.stateUrl("bookmark", { account: { homePage: au.actor.account.homePage, name: "someone-else" } }), { method: "PUT", headers: json, body: "{}" })).status, "8.1.3.0-3 (d)").to.equal(403);
      expect((await au.xapi(au.stateUrl("bookmark"), { method: "PUT", headers: json, body: "{\"page\":3}" })).status).to.equal(204);
    });

    it("provides cmi5LearnerPreferences and accepts only valid changes from the AU (11.0.0.0-1 (d), 11.0.0.0-4, 11.0.0.0-5 (d), 11.1.0.0-1 (d))", async () => {
      const { au } = await launch(await newRegistration(), apiAu.reading);
      await au.start();
      const read = await au.xapi(au.profileUrl("cmi5LearnerPreferences"));
      expect(read.status).to.equal(200);
      expect(await read.json()).to.deep.equal({ languagePreference: "sr-Latn,sr-Cyrl,en", audioPreference: "on" });
      const etag = read.headers.get("etag")!;
      const put = (body: string, agent: unknown = au.actor) =>
        au.xapi(au.profileUrl("cmi5LearnerPreferences", agent), { method: "PUT", headers: { "content-type": "application/json", "if-match": etag }, body });
      expect((await put("not json")).status).to.equal(403);
      expect((await put("[]")).status).to.equal(403);
      expect((await put('{"languagePreference":"en"}')).status).to.equal(403);
      expect((await put('{"languagePreference":"en,not a tag","audioPreference":"on"}')).status).to.equal(403);
      expect((await put('{"languagePreference":"en","audioPreference":"loud"}')).status).to.equal(403);
      expect((await put('{"languagePreference":"en","audioPreference":"off"}', { account: { homePage: au.actor.account.homePage, name: "other" } })).status).to.equal(403);
      expect((await au.xapi(au.profileUrl("cmi5LearnerPreferences"), { method: "DELETE", headers: { "if-match": etag } })).status).to.equal(403);
      expect((await put('{"languagePreference":"en-GB,sr-Latn","audioPreference":"off"}')).status).to.equal(204);
      // The LMS writes its default only when the learner has none: a later launch keeps the change.
      const { au: next } = await launch(au.registration, apiAu.final);
      await next.start();
      expect(await (await next.xapi(next.profileUrl("cmi5LearnerPreferences"))).json()).to.deep.include({ languagePreference: "en-GB,sr-Latn" });
    });
  });

  describe("statements from the AU", () => {
    it("refuses Initialized until the AU has read its learner preferences, and a statement without an id (11.0.0.0-3 (d2), 9.1.0.0-1 (d))", async () => {
      const { au } = await launch(await newRegistration(), apiAu.reading);
      await au.start({ readPreferences: false });
      const early = await au.send("initialized");
      expect(early.status).to.equal(403);
      expect(await early.text()).to.contain("11.0.0.0-3 (d2)");
      expect((await au.xapi(au.profileUrl("cmi5LearnerPreferences"))).status).to.equal(200);
      expect((await au.send("initialized")).status).to.equal(200);
      const { id: _id, ...withoutId } = au.statement("completed", { completion: true, duration: "PT1M" });
      const refused = await au.post(withoutId);
      expect(refused.status).to.equal(403);
      expect(await refused.text()).to.contain("9.1.0.0-1 (d)");
    });

    it("refuses rule-breaking statements with 403 naming the requirement, and stores none of them (9.3.0.0-4 (d2), 9.6.3.1-4 (d), 9.3.0.0-6 (d2))", async () => {
      const registration = await newRegistration();
      const { au } = await launch(registration, apiAu.reading);
      await au.start();
      const early = au.statement("completed", { completion: true, duration: "PT1M" });
      const refusedEarly = await au.post(early);
      expect(refusedEarly.status).to.equal(403);
      expect(await refusedEarly.text()).to.contain("9.3.0.0-4 (d2)");
      expect((await au.send("initialized")).status).to.equal(200);
      const noSession = au.statement("completed", { completion: true, duration: "PT1M" }) as { context: { extensions: Record<string, unknown> } };
      noSession.context.extensions = {};
      const refusedSession = await au.post(noSession);
      expect(refusedSession.status).to.equal(403);
      expect(await refusedSession.text()).to.contain("9.6.3.1-4 (d)");
      expect((await au.send("completed", { completion: true, duration: "PT1M" })).status).to.equal(200);
      expect((await au.send("terminated", { duration: "PT2M" })).status).to.equal(200);

      const { au: second } = await launch(registration, apiAu.reading);
      await second.start();
      expect((await second.send("initialized")).status).to.equal(200);
      const again = await second.send("completed", { completion: true, duration: "PT1M" });
      expect(again.status).to.equal(403);
      expect(await again.text()).to.contain("9.3.0.0-6 (d2)");

      const stored = (await lrsStatements(server, registration)).map((s) => s.id);
      expect(stored).to.not.include((early as { id: string }).id);
      expect(stored).to.not.include((noSession as unknown as { id: string }).id);
    });

    it("answers a resend of an accepted Completed as the duplicate it is (200), and a new Completed with 403 (9.3.0.0-2 (d))", async () => {
      const { au } = await launch(await newRegistration(), apiAu.reading);
      await au.start();
      expect((await au.send("initialized")).status).to.equal(200);
      const completed = au.statement("completed", { completion: true, duration: "PT1M" });
      expect((await au.post(completed)).status).to.equal(200);
      expect((await au.post(completed)).status).to.equal(200);
      const another = await au.send("completed", { completion: true, duration: "PT1M" });
      expect(another.status).to.equal(403);
      expect(await another.text()).to.contain("9.3.0.0-2 (d)");
    });

    it("in Browse and Review sessions accepts Initialized and Terminated but refuses Completed, Passed and Failed (10.2.2.0-2 (d), 10.2.2.0-3 (d))", async () => {
      const registration = await newRegistration();
      for (const launchMode of ["Browse", "Review"] as const) {
        const { au } = await launch(registration, apiAu.quiz, { launchMode });
        await au.start();
        expect(au.launchData.launchMode).to.equal(launchMode);
        expect((await au.send("initialized")).status).to.equal(200);
        const completed = await au.send("completed", { completion: true, duration: "PT1M" });
        expect(completed.status).to.equal(403);
        expect(await completed.text()).to.contain(launchMode === "Browse" ? "10.2.2.0-2 (d)" : "10.2.2.0-3 (d)");
        expect((await au.send("passed", { success: true, duration: "PT1M", score: { scaled: 1 } }, { [cmi5.extMasteryScore]: 0.8 })).status).to.equal(403);
        expect((await au.send("terminated", { duration: "PT1M" })).status).to.equal(200);
      }
      const progress = await portal.json<{ aus: { id: string; completed: boolean; passed: boolean }[] }>("GET", `/api/registrations/${registration}`, undefined, 200);
      expect(progress.aus.find((a) => a.id === apiAu.quiz)).to.include({ completed: false, passed: false });
    });
  });

  describe("moveOn, Satisfied and Waived", () => {
    it("stores the block's Satisfied before answering the AU's Completed, with the launch session id (9.3.9.0-1..4, 9.3.9.0-9)", async () => {
      const registration = await newRegistration();
      const waived = await portal.json<{ sessionId: string }>("POST", `/api/registrations/${registration}/waivers`, { auId: apiAu.quiz, reason: "Tested Out" }, 201);
      const { au, sessionId } = await launch(registration, apiAu.reading);
      await au.start();
      expect((await au.send("initialized")).status).to.equal(200);
      const blockId = lmsActivityId("block", apiCourseId, apiBlockId);
      expect((await lrsStatements(server, registration)).some((s) => s.verb.id === cmi5.verbs.satisfied && s.object.id === blockId)).to.equal(false);

      expect((await au.send("completed", { completion: true, duration: "PT1M" })).status).to.equal(200);
      // No waiting: the answer above came after the LMS stored Satisfied.
      const satisfied = (await lrsStatements(server, registration)).filter((s) => s.verb.id === cmi5.verbs.satisfied);
      expect(satisfied).to.have.length(1);
      expect(satisfied[0]!.object).to.deep.include({ id: blockId, definition: { type: cmi5.typeBlock } });
      expect(blockId).to.not.equal(apiBlockId);
      expect(satisfied[0]!.context.extensions[cmi5.extSessionId]).to.equal(sessionId);
      expect(satisfied[0]!.context.extensions[cmi5.extSessionId]).to.not.equal(waived.sessionId);
      expect(satisfied[0]!.context.contextActivities.grouping).to.deep.include({ objectType: "Activity", id: apiBlockId });
    });

    it("waives an AU once per registration with a reason, success and completion, under a session id of its own, and satisfies the course (9.3.7.0-2 (d), 9.3.7.0-3, 9.3.7.0-4, 9.5.2.0-1 (d2), 9.5.3.0-1 (d2), 9.6.2.2-1 (d4), 9.3.9.0-5..8)", async () => {
      const registration = await newRegistration();
      for (const auId of [apiAu.quiz, apiAu.reading]) {
        await portal.json("POST", `/api/registrations/${registration}/waivers`, { auId, reason: "Administrative" }, 201);
      }
      const again = await portal.request("POST", `/api/registrations/${registration}/waivers`, { auId: apiAu.quiz, reason: "Equivalent AU" });
      expect(again.status).to.equal(409);
      const badReason = await portal.request("POST", `/api/registrations/${registration}/waivers`, { auId: apiAu.final, reason: "Because" });
      expect(badReason.status).to.equal(400);
      expect(((await badReason.json()) as { error: { message: string } }).error.message).to.match(/^reason:/);
      const last = await portal.json<{ sessionId: string }>("POST", `/api/registrations/${registration}/waivers`, { auId: apiAu.final, reason: "Equivalent Outside Activity" }, 201);

      const statements = await lrsStatements(server, registration);
      const waived = statements.filter((s) => s.verb.id === cmi5.verbs.waived);
      expect(waived).to.have.length(3);
      const waivedFinal = waived.find((s) => s.context.contextActivities.grouping?.some((g) => g.id === apiAu.final))!;
      expect(waivedFinal.result).to.deep.include({ success: true, completion: true });
      expect(waivedFinal.result?.extensions).to.deep.equal({ [cmi5.extReason]: "Equivalent Outside Activity" });
      expect((waivedFinal.context.contextActivities.category ?? []).map((c) => c.id)).to.include.members([cmi5.categoryCmi5, cmi5.categoryMoveOn]);
      expect(new Set(waived.map((s) => s.context.extensions[cmi5.extSessionId])).size).to.equal(3);

      const courseId = lmsActivityId("course", apiCourseId, apiCourseId);
      const courseSatisfied = statements.filter((s) => s.verb.id === cmi5.verbs.satisfied && s.object.id === courseId);
      expect(courseSatisfied).to.have.length(1);
      expect(courseSatisfied[0]!.object.definition?.type).to.equal(cmi5.typeCourse);
      expect(courseSatisfied[0]!.context.extensions[cmi5.extSessionId]).to.equal(last.sessionId);
      // Only Satisfied may share the Waived statement's session id (9.3.7.0-3).
      const shared = statements.filter((s) => s.context.extensions?.[cmi5.extSessionId] === last.sessionId).map((s) => s.verb.id);
      expect(new Set(shared)).to.deep.equal(new Set([cmi5.verbs.waived, cmi5.verbs.satisfied]));

      const progress = await portal.json<{ satisfied: boolean; blocks: { satisfied: boolean }[]; aus: { id: string; waived?: { reason: string }; satisfied: boolean }[] }>("GET", `/api/registrations/${registration}`, undefined, 200);
      expect(progress.satisfied).to.equal(true);
      expect(progress.blocks.every((b) => b.satisfied)).to.equal(true);
      const finalAu = progress.aus.find((a) => a.id === apiAu.final)!;
      expect(finalAu.satisfied).to.equal(true);
      expect(finalAu.waived?.reason).to.equal("Equivalent Outside Activity");
    });

    it("evaluates moveOn at registration: a course of NotApplicable AUs is satisfied under a fresh session id (9.6.1.1-3)", async () => {
      const courseId = `https://obuka.test/courses/na-${randomUUID()}`;
      expect((await importWithKey(portal, notApplicableCourseZip(courseId))).status).to.equal(201);
      const { registration } = await portal.json<{ registration: string }>("POST", "/api/registrations", { courseId, learner: { username: "na.learner", displayName: "Nada Nadić" } }, 201);
      const satisfied = (await lrsStatements(server, registration)).filter((s) => s.verb.id === cmi5.verbs.satisfied);
      expect(satisfied.map((s) => s.object.id)).to.deep.equal([lmsActivityId("course", courseId, courseId)]);
      expect(satisfied[0]!.context.extensions[cmi5.extSessionId]).to.be.a("string");
      const progress = await portal.json<{ satisfied: boolean; sessions: unknown[] }>("GET", `/api/registrations/${registration}`, undefined, 200);
      expect(progress).to.include({ satisfied: true });
      expect(progress.sessions).to.deep.equal([]);
    });
  });
});
