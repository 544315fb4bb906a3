// `obuka preview`: builds the cmi5 package of one language and serves it on 127.0.0.1 with
// a local LMS stand-in, so a trainer takes the course as a learner would.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { pickLang } from "../domain/course.js";
import { auPagePath } from "../domain/package-layout.js";
import { UsageError } from "../errors.js";
import { createLmsStandIn } from "../preview/lms-stand-in.js";
import { readZipEntries } from "../preview/read-zip.js";
import { buildCourse } from "./build.js";
import { loadCourseDir } from "./load.js";

export interface PreviewOptions {
  cwd: string;
  courseDir: string;
  /** The language to preview; the course's default language when omitted. */
  lang?: string | undefined;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface RunningPreview {
  url: string;
  lang: string;
  statements: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const { loaded } = await loadCourseDir(options.cwd, options.courseDir);
  const lang = options.lang ?? loaded.course.defaultLanguage;
  if (lang === "all") throw new UsageError("preview shows one language at a time: --lang sr-Latn, sr-Cyrl, en …");
  const out = await mkdtemp(path.join(os.tmpdir(), "obuka-preview-"));
  let files: Map<string, Buffer>;
  try {
    const [zip] = await buildCourse({ cwd: options.cwd, courseDir: options.courseDir, format: "cmi5", outDir: out, lang });
    files = await readZipEntries(zip!);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  const { course } = loaded;
  const text = (value: Record<string, string>) => pickLang(value, lang, course.defaultLanguage).text;
  const standIn = createLmsStandIn({
    id: course.id,
    title: text(course.title),
    lang,
    aus: course.modules.map((m, i) => ({ id: m.id, title: text(m.title), url: auPagePath(i), moveOn: m.moveOn, masteryScore: m.masteryScore })),
    files,
  });
  const server = createServer((req, res) => {
    standIn.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("preview error");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/`,
    lang,
    statements: standIn.statements,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
