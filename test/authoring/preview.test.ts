// `obuka preview`: the built cmi5 package served on 127.0.0.1 with the LMS stand-in; a
// learner's launch in Chromium connects, sends statements, and the trainer sees them.
import { expect } from "chai";
import { runCli } from "../../authoring/index.js";
import { startPreview } from "../../authoring/commands/preview.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { writeFixtureCourse } from "./support/fixtures.js";
import { languageFixture } from "./support/language-fixture.js";

describe("authoring: obuka preview", () => {
  it("serves an index of the modules and the package files, and 404s the rest", async () => {
    const cwd = await writeFixtureCourse(languageFixture());
    const preview = await startPreview({ cwd, courseDir: "courses/fixture", port: 0, lang: "sr-Cyrl" });
    try {
      expect(preview.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(preview.url);
      expect(index.status).to.equal(200);
      const html = await index.text();
      expect(html).to.contain("Модул 1: Хранитељство и инјекција");
      const launch = /href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
      expect(launch).to.match(/^\/content\/au\/01\/index\.html\?endpoint=/);
      const page = await fetch(new URL(launch!, preview.url));
      expect(page.headers.get("content-type")).to.equal("text/html; charset=utf-8");
      expect(await page.text()).to.contain('<html lang="sr-Cyrl">');
      expect((await fetch(new URL("/content/media/v.sr-Cyrl.vtt", preview.url))).status).to.equal(200);
      expect((await fetch(new URL("/content/nowhere.html", preview.url))).status).to.equal(404);
      expect((await fetch(new URL("/xapi/statements", preview.url), { method: "POST", body: "{" })).status).to.equal(400);
    } finally {
      await preview.close();
    }
  });

  it("a launch from the index connects in Chromium, records the statements and shows them to the trainer", async function () {
    requireChromium(this);
    const cwd = await writeFixtureCourse(languageFixture());
    const preview = await startPreview({ cwd, courseDir: "courses/fixture", port: 0 });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(preview.url);
      await page.locator('[data-testid="aus"] a').first().click();
      await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
      await page.locator('button[data-testid="finish"]').click();
      await page.waitForURL(preview.url);
      const verbs = preview.statements().map((s) => String((s.verb as { id: string }).id).split("/").pop());
      expect(verbs[0]).to.equal("initialized");
      expect(verbs).to.include("terminated");
      expect(await page.locator('[data-testid="statements"] tbody tr').count()).to.equal(verbs.length);
      expect(await page.locator('[data-testid="statements"]').textContent()).to.contain("terminated");
    } finally {
      await browser.close();
      await preview.close();
    }
  });

  it("runs from the CLI until stopped, printing where to look", async () => {
    const cwd = await writeFixtureCourse(languageFixture());
    const out: string[] = [];
    let url = "";
    const code = await runCli(["preview", "courses/fixture", "--port", "0"], {
      cwd,
      stdout: (line) => out.push(line),
      stderr: (line) => out.push(line),
      untilStopped: async () => {
        url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out.join("\n"))?.[0] ?? "";
        expect((await fetch(url)).status).to.equal(200);
      },
    });
    expect(code).to.equal(0);
    expect(out[0]).to.match(/^preview of courses\/fixture \(sr-Latn\): http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C stops it\)$/);
    expect(await fetch(url).then(() => "open", () => "closed")).to.equal("closed");
    expect(await runCli(["preview", "courses/fixture", "--port", "x"], { cwd, stdout: () => {}, stderr: () => {} })).to.equal(2);
  });
});
