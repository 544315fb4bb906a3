// Behind a TLS-terminating reverse proxy (docs/deploy.md), the cmi5 launch must hand the AU
// https URLs: with OBUKA_TRUST_PROXY naming the proxy, X-Forwarded-Proto counts; without
// it, a client cannot make the player believe a forwarded header.
import { expect } from "chai";
import { launchUrlOfFramePage } from "../../support/au-frame.js";
import { AuSide } from "../../support/cmi5-au.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";

const courseId = "https://obuka.test/courses/behind-proxy";

async function launchThroughProxy(server: RunningServer): Promise<AuSide> {
  const trainer = new HttpClient(server.baseUrl);
  await trainer.logIn("trener");
  await trainer.page("/catalog");
  const zip = rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml({ courseId }) }, { name: "index.html", content: "<!doctype html><title>AU</title>" }]);
  expect((await trainer.uploadPackage(zip)).status).to.equal(201);
  const learner = new HttpClient(server.baseUrl);
  await learner.logIn("polaznik");
  await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
  const response = await learner.request("/course/launch", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-proto": "https" },
    body: new URLSearchParams({ courseId, auId: `${courseId}/au/1`, _csrf: learner.csrfToken }).toString(),
  });
  return new AuSide(await launchUrlOfFramePage(response));
}

describe("player behind a reverse proxy (OBUKA_TRUST_PROXY)", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("gives the AU https endpoint and fetch URLs when the proxy is trusted", async () => {
    server = await startStandalone({ trustProxy: "loopback" });
    const au = await launchThroughProxy(server);
    const host = new URL(server.baseUrl).host;
    expect(au.params.get("endpoint")).to.equal(`https://${host}/xapi/`);
    expect(new URL(au.params.get("fetch")!).origin).to.equal(`https://${host}`);
  });

  it("ignores X-Forwarded-Proto from a client when no proxy is trusted", async () => {
    server = await startStandalone();
    const au = await launchThroughProxy(server);
    expect(au.params.get("endpoint")).to.equal(`${server.baseUrl}/xapi/`);
  });
});
