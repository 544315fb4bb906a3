// A minimal LMS for `obuka preview`: launches each AU the cmi5 way (fetch URL, LMS.LaunchData)
// and accepts the statements the runtime sends, keeping them in memory to show the trainer.
// It is no LRS: it validates nothing and forgets everything when it stops.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeXml } from "../domain/cmi5-xml.js";

export interface PreviewAu {
  /** The AU's publisher id (cmi5.xml). */
  id: string;
  title: string;
  /** The AU page inside the package. */
  url: string;
  moveOn: string;
  masteryScore: number | undefined;
}

export interface PreviewCourse {
  id: string;
  title: string;
  lang: string;
  aus: readonly PreviewAu[];
  /** Package files by path inside the zip. */
  files: ReadonlyMap<string, Buffer>;
}

export interface RecordedStatement {
  id: string;
  verb: string;
  object: string;
  stored: number;
  statement: Record<string, unknown>;
}

const sessionIdExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const actor = { objectType: "Agent", name: "Pregled (preview)", account: { homePage: "http://127.0.0.1/obuka-preview", name: "trener" } };
const authToken = Buffer.from("preview:preview").toString("base64");
const contentTypes: Record<string, string> = {
  html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8", xml: "application/xml; charset=utf-8",
  vtt: "text/vtt; charset=utf-8", webm: "video/webm", mp4: "video/mp4", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", svg: "image/svg+xml", json: "application/json",
};

/** The AU's LMS-side activity id: different from the publisher id, as cmi5 wants. */
export function previewActivityId(index: number): string {
  return `urn:obuka:preview:au:${index + 1}`;
}

export function createLmsStandIn(course: PreviewCourse, newId: () => string = randomUUID) {
  const registration = newId();
  const statements: RecordedStatement[] = [];
  let stored = 0;

  const launchUrl = (origin: string, index: number): string => {
    const au = course.aus[index]!;
    const query = new URLSearchParams({
      endpoint: `${origin}/xapi/`,
      fetch: `${origin}/fetch/${newId()}`,
      actor: JSON.stringify(actor),
      registration,
      activityId: previewActivityId(index),
    });
    return `/content/${au.url}?${query.toString()}`;
  };

  const record = (statement: Record<string, unknown>): string => {
    const id = typeof statement.id === "string" ? statement.id : newId();
    // A statement sent again (a retry, or the page-hide batch) is the same statement, as in an LRS.
    if (statements.some((s) => s.id === id)) return id;
    const verb = String((statement.verb as { id?: unknown } | undefined)?.id ?? "?");
    const object = String((statement.object as { id?: unknown } | undefined)?.id ?? "?");
    statements.push({ id, verb, object, stored: ++stored, statement: { ...statement, id } });
    return id;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const send = (status: number, body: string | Buffer, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    const json = (status: number, body: unknown) => send(status, JSON.stringify(body), "application/json");

    if (req.method === "GET" && url.pathname === "/") return send(200, indexPage(origin), "text/html; charset=utf-8");
    if (req.method === "GET" && url.pathname === "/statements.json") return json(200, statements.map((s) => s.statement));
    if (url.pathname.startsWith("/content/")) {
      const name = decodeURIComponent(url.pathname.slice("/content/".length));
      const file = course.files.get(name);
      if (req.method !== "GET" || !file) return send(404, "not found");
      return send(200, file, contentTypes[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream");
    }
    if (req.method === "POST" && url.pathname.startsWith("/fetch/")) return json(200, { "auth-token": authToken });
    if (url.pathname.startsWith("/xapi/")) return xapi(req, res, url, origin, json);
    return send(404, "not found");
  }

  async function xapi(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, json: (status: number, body: unknown) => void): Promise<void> {
    const resource = url.pathname.slice("/xapi/".length);
    if (resource === "activities/state" && req.method === "GET") {
      const index = course.aus.findIndex((_, i) => previewActivityId(i) === url.searchParams.get("activityId"));
      const au = course.aus[index];
      if (url.searchParams.get("stateId") !== "LMS.LaunchData" || !au) return json(404, { error: "no such state document" });
      return json(200, {
        contextTemplate: { contextActivities: { grouping: [{ objectType: "Activity", id: au.id }] }, extensions: { [sessionIdExtension]: newId() } },
        launchMode: "Normal",
        launchMethod: "AnyWindow",
        moveOn: au.moveOn,
        ...(au.masteryScore === undefined ? {} : { masteryScore: au.masteryScore }),
        returnURL: `${origin}/`,
      });
    }
    if (resource === "activities/state" || resource === "agents/profile") {
      await readBody(req);
      if (req.method === "GET") return json(404, { error: "no such document" });
      res.writeHead(204).end();
      return;
    }
    if (resource === "statements" && req.method === "GET") {
      const verb = url.searchParams.get("verb");
      const activity = url.searchParams.get("activity");
      const found = statements.filter((s) => (!verb || s.verb === verb) && (!activity || s.object === activity)).map((s) => s.statement);
      return json(200, { statements: found, more: "" });
    }
    if (resource === "statements" && (req.method === "POST" || req.method === "PUT")) {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        return json(400, { error: "the statement is not JSON" });
      }
      const list = Array.isArray(body) ? body : [body];
      if (!list.every((s) => typeof s === "object" && s !== null)) return json(400, { error: "a statement must be a JSON object" });
      const ids = list.map((s) => record(s as Record<string, unknown>));
      if (req.method === "PUT") {
        res.writeHead(204).end();
        return;
      }
      return json(200, ids);
    }
    return json(404, { error: `the preview does not serve ${resource}` });
  }

  function indexPage(origin: string): string {
    const items = course.aus.map((au, i) => `<li><a href="${escapeXml(launchUrl(origin, i))}">${escapeXml(au.title)}</a></li>`).join("\n");
    const rows = statements
      .slice(-50)
      .reverse()
      .map((s) => `<tr><td>${s.stored}</td><td>${escapeXml(s.verb.split("/").pop() ?? s.verb)}</td><td>${escapeXml(s.object)}</td></tr>`)
      .join("\n");
    return `<!doctype html>
<html lang="sr-Latn">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pregled: ${escapeXml(course.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2733}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccd;padding:.3rem;text-align:left;font-size:.9rem}a{color:#1f5f8b}</style></head>
<body>
<main>
<h1 lang="${escapeXml(course.lang)}">${escapeXml(course.title)}</h1>
<p>Pregled kursa kao što ga vidi polaznik (jezik: ${escapeXml(course.lang)}). Napredak se ne čuva: ovo je lokalni zamenik sistema za učenje. <span lang="en">Preview as a learner sees it; nothing is kept.</span></p>
<h2>Moduli</h2>
<ol data-testid="aus">
${items}
</ol>
<h2>Poslate izjave (xAPI statements)</h2>
<p>Osvežite stranicu da vidite nove.</p>
<table data-testid="statements"><thead><tr><th scope="col">#</th><th scope="col">glagol</th><th scope="col">objekat</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main>
</body>
</html>
`;
  }

  return { handle, statements: () => statements.map((s) => s.statement), registration };
}

const maxBody = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
