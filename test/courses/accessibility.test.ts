// The real courses, built and opened standalone in Chromium: every section of every module
// passes axe-core (WCAG 2.1 AA), and answering each quiz with its own key passes it, so
// the content the trainers wrote is accessible and every knowledge check can be passed.
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { mkdtemp, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type Page } from "playwright-core";
import { buildCourse, validateCourse, type Course } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { projectRoot } from "../support/tools.js";

const coursesDir = path.join(projectRoot, "courses");
const axePath = path.join(projectRoot, "node_modules/axe-core/axe.min.js");
const types: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript", css: "text/css", vtt: "text/vtt; charset=utf-8", webm: "video/webm", png: "image/png" };

const courseFolders = readdirSync(coursesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(coursesDir, entry.name, "course.yaml")))
  .map((entry) => entry.name)
  .sort();

/** Serves a folder on 127.0.0.1; the package runs standalone (no LMS launch parameters). */
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
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

describe("courses: accessibility and passable quizzes in Chromium (axe-core WCAG 2.1 AA)", function () {
  this.timeout(180_000);
  let browser: Browser;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const folder of courseFolders) {
    it(`courses/${folder}: every section and the quiz feedback of every module have no axe violations, and each quiz answered by its key is passed`, async () => {
      const courseDir = path.join("courses", folder);
      const { course }: { course: Course } = await validateCourse({ cwd: projectRoot, courseDir });
      const out = await mkdtemp(path.join(os.tmpdir(), `obuka-a11y-${folder}-`));
      const [zip] = await buildCourse({ cwd: projectRoot, courseDir, format: "cmi5", outDir: out });
      const root = path.join(out, "unpacked");
      await extractZip(zip!, root);
      const { server, base } = await serve(root);
      try {
        for (const [index, module] of course.modules.entries()) {
          const au = `au/${String(index + 1).padStart(2, "0")}/index.html`;
          const page = await browser.newPage();
          await page.goto(`${base}/${au}`);
          await page.locator('[data-testid="status"][data-state="standalone"]').waitFor();
          expect(await page.locator("section[data-page]").count(), `${au} sections`).to.equal(module.content.length);
          const quiz = module.content.find((c) => c.kind === "quiz");
          if (quiz?.kind === "quiz") {
            await page.evaluate(() => document.querySelectorAll("section[data-page]").forEach((s) => s.removeAttribute("hidden")));
            for (const question of quiz.quiz.questions) {
              for (const choice of question.choices.filter((c) => c.correct)) await page.locator(`input[name="${question.id}"][value="${choice.id}"]`).check();
            }
            await page.locator('form[data-testid="quiz"] button[type="submit"]').click();
            const result = page.locator('[data-testid="quiz-result"]');
            await result.locator("p").first().waitFor();
            expect(await result.getAttribute("data-outcome"), `${au} quiz answered by its key`).to.equal("passed");
          }
          // One axe run per module over every section at once (shown together) and the quiz
          // feedback: the same rules as section by section, at a fraction of the time.
          await page.evaluate(() => document.querySelectorAll("section[data-page]").forEach((s) => s.removeAttribute("hidden")));
          expect(await axeViolations(page), `${au} (all sections and quiz feedback)`).to.deep.equal([]);
          await page.close();
        }
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});
