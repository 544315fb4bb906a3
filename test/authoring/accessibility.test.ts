// Generated AU pages in a real browser: axe-core (WCAG 2.1 AA) on every section of every
// language, a keyboard-only walk, and captions on by default in the page's language.
import { createReadStream } from "node:fs";
import { mkdtemp, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type Page } from "playwright-core";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { projectRoot } from "../support/tools.js";
import { writeFixtureCourse } from "./support/fixtures.js";
import { languageFixture } from "./support/language-fixture.js";

const axePath = path.join(projectRoot, "node_modules/axe-core/axe.min.js");
const languages = ["sr-Latn", "sr-Cyrl", "en"] as const;
const types: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript", css: "text/css", vtt: "text/vtt; charset=utf-8", webm: "video/webm", png: "image/png", xml: "application/xml" };

/** Serves a folder on 127.0.0.1 (packages are opened standalone: no LMS, no tracking). */
async function serve(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end();
        res.writeHead(200, { "content-type": types[file.split(".").pop() ?? ""] ?? "application/octet-stream", "content-length": s.size });
        createReadStream(file).pipe(res);
      },
      () => void res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, base: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}

/** Presses Tab until the focused element matches, and returns how many presses it took. */
async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return presses;
  }
  throw new Error(`Tab never reached the element (focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);
}

describe("authoring: accessibility of generated pages (axe-core WCAG 2.1 AA, keyboard, captions) in Chromium", function () {
  let browser: Browser;
  let server: Server;
  let base: string;

  before(async function () {
    requireChromium(this);
    const cwd = await writeFixtureCourse(languageFixture());
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-a11y-"));
    const zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", outDir: out, lang: "all" });
    for (const [index, lang] of languages.entries()) await extractZip(zips[index]!, path.join(out, lang));
    ({ server, base } = await serve(out));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const lang of languages) {
    it(`${lang}: every section, and the quiz result, has zero axe violations`, async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/${lang}/au/01/index.html`);
      await page.locator('[data-testid="status"][data-state="standalone"]').waitFor();
      const sections = await page.locator("section[data-page]").count();
      expect(sections).to.equal(3);
      for (let i = 0; i < sections; i++) {
        expect(await axeViolations(page), `${lang} section ${i + 1}`).to.deep.equal([]);
        if (i < sections - 1) await page.locator('button[data-testid="next"]').click();
      }
      await page.locator('input[name="q1"][value="b"]').check();
      await page.locator('form[data-testid="quiz"] button[type="submit"]').click();
      await page.locator('[data-testid="quiz-result"]:not([hidden])').waitFor();
      expect(await axeViolations(page), `${lang} quiz result`).to.deep.equal([]);
      await page.close();
    });

    it(`${lang}: captions in the page language are the default track and showing`, async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/${lang}/au/01/index.html`);
      await page.locator('button[data-testid="next"]').click();
      const tracks = await page.locator("video[data-testid=training-video]").evaluate((video: HTMLVideoElement) =>
        [...video.querySelectorAll("track")].map((t) => ({ lang: t.srclang, default: t.default, mode: t.track.mode })),
      );
      const own = tracks.find((t) => t.lang === lang);
      expect(own, `a ${lang} caption track`).to.include({ default: true, mode: "showing" });
      expect(tracks.filter((t) => t.default)).to.have.length(1);
      await page.close();
    });
  }

  it("works with the keyboard only: Tab/Enter through pages, focus on the new heading, video controls reachable, quiz answered with Space", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/sr-Latn/au/01/index.html`);
    await page.locator('[data-testid="status"][data-state="standalone"]').waitFor();
    // The first page's link is reachable, then Dalje.
    await tabTo(page, (el) => el.tagName === "A");
    await tabTo(page, (el) => el.getAttribute("data-testid") === "next");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent, visible: !document.activeElement?.closest("[hidden]") }));
    expect(focused).to.deep.equal({ tag: "H2", text: "Snimak obuke", visible: true });
    // The video and its native controls take focus from the keyboard.
    await tabTo(page, (el) => el.tagName === "VIDEO");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => !document.querySelector<HTMLVideoElement>("video[data-testid=training-video]")!.paused);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.querySelector<HTMLVideoElement>("video[data-testid=training-video]")!.paused);
    await tabTo(page, (el) => el.getAttribute("data-testid") === "next");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal("H2");
    // Quiz: Tab into the radio group, arrow to the right answer (arrows check it), submit with Enter.
    await tabTo(page, (el) => el instanceof HTMLInputElement && el.name === "q1");
    await page.keyboard.press("Space");
    expect(await page.locator('input[name="q1"][value="a"]').isChecked()).to.equal(true);
    await tabTo(page, (el) => el.getAttribute("type") === "submit");
    await page.keyboard.press("Enter");
    const result = page.locator('[data-testid="quiz-result"]');
    await result.locator("p").first().waitFor();
    expect(await result.getAttribute("data-outcome")).to.equal("passed");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).to.equal("quiz-result");
    // Nazad works from the keyboard too.
    await tabTo(page, (el) => el.getAttribute("data-testid") === "prev");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal("Snimak obuke");
    // Back to the Markdown page: its own heading takes the focus.
    await tabTo(page, (el) => el.getAttribute("data-testid") === "prev");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent }))).to.deep.equal({ tag: "H2", text: "Šta je PRIDE" });
    await page.close();
  });
});
