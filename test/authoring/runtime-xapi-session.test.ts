// The runtime's xAPI (TinCan) launch against a recorded fake LRS (no DOM): launch
// parameters, statements without cmi5 context, retries, the keepalive batch on page hide.
import { expect } from "chai";
import type { AuConfig } from "../../authoring/runtime/au-config.js";
import { parseTincanLaunch } from "../../authoring/runtime/tincan-launch.js";
import { resumeStateId, XapiSession } from "../../authoring/runtime/xapi-session.js";

const config: AuConfig = { standard: "xapi", lang: "sr-Latn", courseId: "https://example.org/c", publisherId: "https://example.org/c/modules/1", moveOn: "CompletedAndPassed", masteryScore: 0.8, strings: {} as AuConfig["strings"], quiz: undefined, videos: [] };
const query = new URLSearchParams({ endpoint: "http://127.0.0.1:1/lrs", auth: "Basic a2V5OnNlY3JldA==", actor: JSON.stringify({ name: ["Milica"], mbox: ["mailto:milica@example.org"] }), activity_id: "https://example.org/c" }).toString();

interface Call {
  method: string;
  url: URL;
  init: RequestInit;
  body: any;
}

function fakeLrs(failures: number[] = []) {
  const calls: Call[] = [];
  const statuses = [...failures];
  const fetchImpl = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const call = { method: init.method ?? "GET", url, init, body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    if (url.pathname === "/lrs/statements" && call.method === "POST") {
      const status = statuses.shift();
      if (status === -1) throw new TypeError("fetch failed");
      if (status) return new Response("busy", { status });
      return Response.json(Array.isArray(call.body) ? call.body.map((s: { id: string }) => s.id) : [call.body.id]);
    }
    if (url.pathname === "/lrs/statements") return Response.json({ statements: [] });
    if (url.pathname === "/lrs/activities/state" && call.method === "GET") return new Response("", { status: 404 });
    return new Response(null, { status: 204 });
  }) as typeof fetch;
  const waits: number[] = [];
  let ids = 0;
  let clock = Date.UTC(2026, 0, 1, 8);
  return {
    calls,
    waits,
    posted: () => calls.filter((c) => c.method === "POST").flatMap((c) => (Array.isArray(c.body) ? c.body : [c.body])),
    deps: { fetch: fetchImpl, now: () => (clock += 1000), uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`, onError: (e: unknown) => { throw e; }, delay: async (ms: number) => void waits.push(ms) },
  };
}

describe("authoring runtime: xAPI (TinCan) launch", () => {
  it("reads endpoint, auth, actor (0.9-style arrays too), registration and activity_id", () => {
    const launch = parseTincanLaunch(`?${query}&registration=6f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a11`)!;
    expect(launch).to.deep.equal({ endpoint: "http://127.0.0.1:1/lrs/", auth: "Basic a2V5OnNlY3JldA==", actor: { objectType: "Agent", name: "Milica", mbox: "mailto:milica@example.org" }, registration: "6f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a11", activityId: "https://example.org/c" });
    expect(parseTincanLaunch("")).to.equal(undefined);
    expect(() => parseTincanLaunch("?endpoint=x")).to.throw(/lacks one of/);
    expect(() => parseTincanLaunch(`?endpoint=x&auth=y&actor=${encodeURIComponent('{"name":"no id"}')}`)).to.throw(/no identifier/);
  });

  it("sends module statements with the course as parent and no cmi5 category; retries a 503 and a network error", async () => {
    const lrs = fakeLrs([503, -1]);
    const session = await XapiSession.start(parseTincanLaunch(`?${query}`)!, config, lrs.deps);
    session.pageShown(0, 2);
    session.pageShown(0, 2);
    session.complete();
    expect(session.judge({ scaled: 0.9, raw: 9, max: 10 }, 0.8)).to.deep.equal({ verb: "passed", sent: true });
    expect(session.judge({ scaled: 0, raw: 0, max: 10 }, 0.8).sent).to.equal(false);
    await session.terminate();
    expect(lrs.waits).to.deep.equal([500, 1000]);
    const statements = lrs.posted();
    expect([...new Set(statements.map((s) => s.id))].map((id) => statements.find((s) => s.id === id).verb.id.split("/").pop())).to.deep.equal(["initialized", "experienced", "completed", "passed", "terminated"]);
    for (const s of statements) {
      expect(s.context).not.to.have.property("registration");
      expect(JSON.stringify(s.context)).not.to.contain("cmi5");
      expect(lrs.calls.every((c) => (c.init.headers as Record<string, string>).authorization === "Basic a2V5OnNlY3JldA==")).to.equal(true);
    }
    const passed = statements.find((s) => s.verb.id.endsWith("/passed"));
    expect(passed.object.id).to.equal(config.publisherId);
    expect(passed.context.contextActivities).to.deep.equal({ parent: [{ objectType: "Activity", id: "https://example.org/c" }] });
    expect(passed.result).to.deep.include({ success: true, score: { scaled: 0.9, raw: 9, min: 0, max: 10 } });
    const experienced = statements.find((s) => s.verb.id.endsWith("/experienced"));
    expect(experienced.object.id).to.equal(`${config.publisherId}/pages/1`);
    expect(experienced.context.contextActivities.parent).to.deep.equal([{ objectType: "Activity", id: config.publisherId }]);
  });

  it("on page hide sends what the LRS has not accepted plus Terminated, and the resume state, with keepalive", async () => {
    const lrs = fakeLrs();
    const session = await XapiSession.start(parseTincanLaunch(`?${query}`)!, config, lrs.deps);
    await session.flush();
    session.save({ page: 1, seen: [0, 1], videos: [], answers: undefined });
    // Still on its way when the page goes: sent again in the batch (same id, so no duplicate).
    session.complete();
    session.pageHide();
    session.pageHide();
    const unload = lrs.calls.filter((c) => c.init.keepalive === true);
    expect(unload.map((c) => `${c.method} ${c.url.pathname}`)).to.deep.equal(["POST /lrs/statements", "PUT /lrs/activities/state"]);
    expect(unload[0]!.body.map((s: { verb: { id: string } }) => s.verb.id)).to.deep.equal(["http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/terminated"]);
    expect(unload[1]!.url.searchParams.get("stateId")).to.equal(resumeStateId);
    expect(unload[1]!.body).to.deep.equal({ v: 1, p: 1, s: [0, 1], w: [] });
  });
});
