// Hand-written SCOs in Chromium through scorm-again on the launch page: on resume a SCORM 1.2 SCO
// reads back the interactions and objectives it wrote before (not only its suspend data), and
// once passed it opens in review mode without credit, where what it sends changes nothing; a
// SCORM 2004 attempt's interactions and objectives survive the same round trip.
import { expect } from "chai";
import { type Browser, type Page } from "playwright-core";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { nestedFramesZip } from "../support/scorm-sco-fixtures.js";
import { recordingScorm12Zip } from "../support/scorm12-recording-sco.js";

interface Seen { entry: string; mode: string; credit: string; status: string; location: string; suspendData: string; interactions: string; objectives: string }

describe("player: SCORM SCOs resumed and reviewed in Chromium", function () {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let packageId: string;
  let package2004: string;
  const logged: unknown[] = [];

  /** Opens the SCO on the launch page and answers what it read at launch. */
  async function visit(): Promise<Seen> {
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=sco-a`);
    const sco = page.frameLocator('[data-testid="scorm-content"]');
    await sco.locator('#out[data-state="ready"]').waitFor({ timeout: 20_000 });
    return JSON.parse((await sco.locator("#out").textContent())!) as Seen;
  }
  async function finish(button: "#suspend" | "#pass" | "#fail"): Promise<void> {
    const sco = page.frameLocator('[data-testid="scorm-content"]');
    await sco.locator(button).click();
    await sco.locator('#out[data-state="finished"]').waitFor();
  }
  /** The learner's SCO as the portal API reports it (polled: the SCO's last commit is a keepalive fetch). */
  async function scoProgress(ok: (sco: { attempts: number; successStatus: string | undefined }) => boolean) {
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    for (let i = 0; ; i++) {
      const response = await learner.request(`/api/scorm/sessions/${await lastSessionId()}/cmi`);
      const body = (await response.json()) as { attemptNumber: number; cmi: { core?: { lesson_status?: string } } };
      const sco = { attempts: body.attemptNumber, successStatus: body.cmi.core?.lesson_status };
      if (ok(sco) || i > 200) return sco;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function lastSessionId(): Promise<string> {
    const raw = await page.locator('[data-testid="scorm-player"]').getAttribute("data-launch");
    return (JSON.parse(raw!) as { sessionId: string }).sessionId;
  }

  before(async function () {
    requireChromium(this);
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(recordingScorm12Zip());
    expect(imported.status).to.equal(201);
    packageId = ((await imported.json()) as { packageId: string }).packageId;
    const nested = await trainer.uploadPackage(nestedFramesZip());
    expect(nested.status).to.equal(201);
    package2004 = ((await nested.json()) as { packageId: string }).packageId;
    browser = await launchChromium();
    page = await browser.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  it("reads back on resume the interactions and objectives it wrote in the attempt's earlier session", async () => {
    expect(await visit()).to.deep.equal({ entry: "ab-initio", mode: "normal", credit: "credit", status: "not attempted", location: "", suspendData: "", interactions: "0", objectives: "" });
    await finish("#suspend");
    await scoProgress((s) => s.successStatus === "incomplete");
    expect(await visit()).to.deep.equal({
      entry: "resume", mode: "normal", credit: "credit", status: "incomplete", location: "strana-1", suspendData: "posete=1", interactions: "1", objectives: "cilj-1=incomplete",
    });
    // The second session adds its own interaction after the first one; scorm-again accepts both.
    await finish("#pass");
    expect(await scoProgress((s) => s.successStatus === "passed")).to.deep.equal({ attempts: 1, successStatus: "passed" });
  });

  it("opens the passed SCO in review without credit, with the attempt's data, and a failing review changes nothing", async () => {
    const seen = await visit();
    expect(seen).to.deep.equal({
      entry: "", mode: "review", credit: "no-credit", status: "passed", location: "strana-2", suspendData: "posete=2", interactions: "2", objectives: "cilj-1=passed",
    });
    expect(await page.locator('[data-testid="mode-review"]').innerText()).to.contain("ne menja zabeležen rezultat");
    await finish("#fail");
    // Nothing to wait for: the review's commits are acknowledged and dropped, so the next visit is a review again.
    expect((await visit()).mode).to.equal("review");
    expect(await scoProgress(() => true)).to.deep.equal({ attempts: 1, successStatus: "passed" });
  });

  it("round-trips SCORM 2004 interactions and objectives through scorm-again: set in one session, read back by GetValue after resume", async () => {
    const api = (calls: [string, string, string?][]) => page.evaluate((list) => {
      const w = window as unknown as { API_1484_11: Record<string, (a?: string, b?: string) => string> };
      return list.map(([fn, a, b]) => w.API_1484_11[fn]!(a, b));
    }, calls);
    const ready = () => page.frameLocator('[data-testid="scorm-content"]').frameLocator("#inner").locator("#out[data-state=ready]").waitFor({ timeout: 20_000 });
    await page.goto(`${server.baseUrl}/scorm/launch?package=${package2004}&sco=sco-2`);
    await ready();
    expect(await api([
      ["SetValue", "cmi.interactions.0.id", "q1"], ["SetValue", "cmi.interactions.0.type", "fill-in"],
      ["SetValue", "cmi.interactions.0.learner_response", "hraniteljstvo"], ["SetValue", "cmi.interactions.0.result", "correct"],
      ["SetValue", "cmi.objectives.0.id", "obj-a"], ["SetValue", "cmi.objectives.0.success_status", "passed"], ["SetValue", "cmi.objectives.0.score.scaled", "0.8"],
      ["SetValue", "cmi.exit", "suspend"], ["Terminate", ""],
    ])).to.deep.equal(["true", "true", "true", "true", "true", "true", "true", "true", "true"]);
    // The final commit is a keepalive fetch: wait until the attempt holds it.
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    const session = await lastSessionId();
    for (let i = 0; i < 200; i++) {
      const body = (await (await learner.request(`/api/scorm/sessions/${session}/cmi`)).json()) as { cmi: { exit?: string } };
      if (body.cmi.exit === "suspend") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await page.goto(`${server.baseUrl}/scorm/launch?package=${package2004}&sco=sco-2`);
    await ready();
    expect(await api([
      ["GetValue", "cmi.entry"], ["GetValue", "cmi.interactions._count"], ["GetValue", "cmi.interactions.0.id"], ["GetValue", "cmi.interactions.0.type"],
      ["GetValue", "cmi.interactions.0.learner_response"], ["GetValue", "cmi.interactions.0.result"],
      ["GetValue", "cmi.objectives._count"], ["GetValue", "cmi.objectives.0.id"], ["GetValue", "cmi.objectives.0.success_status"], ["GetValue", "cmi.objectives.0.score.scaled"],
    ])).to.deep.equal(["resume", "1", "q1", "fill-in", "hraniteljstvo", "correct", "1", "obj-a", "passed", "0.8"]);
  });
});
