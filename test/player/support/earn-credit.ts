import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { launchUrlOfFramePage } from "../../support/au-frame.js";
import { AuSide } from "../../support/cmi5-au.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { HttpClient, type RunningServer } from "../../support/standalone.js";

/**
 * Imports a one-AU cmi5 course (mastery 0.8) and takes it as `polaznik` through a real
 * session to Satisfied with a score of 0.9; returns the LMS's Satisfied statement id.
 */
export async function earnCmi5Credit(server: RunningServer, courseId: string): Promise<{ satisfiedId: string; learner: HttpClient; lrsAuth: string }> {
  const auId = `${courseId}/au/1`;
  const trainer = new HttpClient(server.baseUrl);
  await trainer.logIn("trener");
  await trainer.page("/catalog");
  const zip = rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml({ courseId, masteryScore: "0.8" }) }, { name: "index.html", content: "<!doctype html><title>AU</title>" }]);
  expect((await trainer.uploadPackage(zip)).status).to.equal(201);
  const { key, secret } = await server.lrs.credentials.create({ name: "test reader", scopes: ["all"] });
  const lrsAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

  const learner = new HttpClient(server.baseUrl);
  await learner.logIn("polaznik");
  await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
  const launched = await learner.request("/course/launch", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ courseId, auId, _csrf: learner.csrfToken }).toString(),
  });
  const au = await new AuSide(await launchUrlOfFramePage(launched)).start();
  expect((await au.send("initialized")).status).to.equal(200);
  expect((await au.send("completed", { completion: true, duration: "PT1M" })).status).to.equal(200);
  expect((await au.send("passed", { success: true, score: { scaled: 0.9 }, duration: "PT1M" }, { [cmi5.extMasteryScore]: 0.8 })).status).to.equal(200);
  expect((await au.send("terminated", { duration: "PT2M" })).status).to.equal(200);
  const response = await fetch(`${server.baseUrl}/xapi/statements?registration=${au.registration}&verb=${encodeURIComponent(cmi5.verbs.satisfied)}`, { headers: { authorization: lrsAuth, "x-experience-api-version": "1.0.3" } });
  const satisfied = ((await response.json()) as { statements: { id: string; object: { definition?: { type?: string } } }[] }).statements.filter((s) => s.object.definition?.type === cmi5.typeCourse);
  expect(satisfied).to.have.length(1);
  return { satisfiedId: satisfied[0]!.id, learner, lrsAuth };
}
