// A page on one origin talks to the LRS on another, in real Chromium: the browser's own
// preflight and CORS checks decide what the page may send and read.
import { expect } from "chai";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser } from "playwright-core";
import { ACTIVITY, createTestLrs, statement, type TestLrs } from "../support/fixtures.js";
import { startServer, type TestServer } from "../support/http.js";
import { launchChromium, requireChromium } from "../../support/browser.js";

interface PageResult {
  ok: boolean;
  status?: number;
  etag?: string | null;
  consistentThrough?: string | null;
  version?: string | null;
  error?: string;
}

describe("xAPI CORS for browser content on another origin", () => {
  let t: TestLrs;
  let browser: Browser;
  let pageServer: Server;
  let pageOrigin: string;
  let auth: string;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
    const app = express();
    app.get("/", (_req, res) => void res.type("html").send("<!doctype html><title>content</title>"));
    pageServer = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    // "localhost" and "127.0.0.1" are different origins, whatever the ports.
    pageOrigin = `http://localhost:${(pageServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
  });
  beforeEach(async () => {
    t = await createTestLrs();
    auth = (await t.credential(["all"])).header;
  });
  afterEach(() => t.cleanup());

  /** Runs fetch in a page served from pageOrigin against the LRS. */
  async function fromPage(server: TestServer, method: string, path: string, headers: Record<string, string>, body?: string): Promise<PageResult> {
    const page = await browser.newPage();
    try {
      await page.goto(`${pageOrigin}/`);
      return await page.evaluate(
        async ({ url, method, headers, body }) => {
          try {
            const res = await fetch(url, body === undefined ? { method, headers } : { method, headers, body });
            await res.text();
            return {
              ok: true,
              status: res.status,
              etag: res.headers.get("ETag"),
              consistentThrough: res.headers.get("X-Experience-API-Consistent-Through"),
              version: res.headers.get("X-Experience-API-Version"),
            };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        },
        { url: `${server.url}${path}`, method, headers, body },
      );
    } finally {
      await page.close();
    }
  }

  it("lets a page on another origin send xAPI headers (preflighted) and read ETag, version and consistency headers", async () => {
    const server = await startServer(t.lrs);
    try {
      const headers = { Authorization: auth, "X-Experience-API-Version": "1.0.3" };
      const statementPost = await fromPage(server, "POST", "/statements", { ...headers, "Content-Type": "application/json" }, JSON.stringify(statement()));
      expect(statementPost).to.deep.include({ ok: true, status: 200, version: "1.0.3" });
      const query = await fromPage(server, "GET", "/statements", headers);
      expect(query.consistentThrough).to.match(/^\d{4}-/);
      const profile = `/activities/profile?activityId=${encodeURIComponent(ACTIVITY)}&profileId=p`;
      const put = await fromPage(server, "PUT", profile, { ...headers, "Content-Type": "application/json", "If-None-Match": "*" }, "{}");
      expect(put).to.deep.include({ ok: true, status: 204 });
      const get = await fromPage(server, "GET", profile, headers);
      expect(get.etag).to.match(/^"[0-9a-f]{40}"$/);
      const replace = await fromPage(server, "PUT", profile, { ...headers, "Content-Type": "application/json", "If-Match": get.etag ?? "" }, '{"a":1}');
      expect(replace).to.deep.include({ ok: true, status: 204 });
    } finally {
      await server.close();
    }
  });

  it("keeps pages of origins not on the allowed list out", async () => {
    const server = await startServer(t.lrs, undefined, { cors: { origins: ["https://portal.example.org"] } });
    try {
      const headers = { Authorization: auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };
      const result = await fromPage(server, "POST", "/statements", headers, JSON.stringify(statement()));
      expect(result.ok).to.equal(false);
      // The failed preflight means the POST itself was never sent.
      const [credential] = await t.lrs.credentials.list();
      expect((await t.lrs.queryStatements({}, credential!)).statements).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it("answers a preflight without credentials, before version and authentication checks", async () => {
    const server = await startServer(t.lrs);
    try {
      const res = await fetch(`${server.url}/statements`, {
        method: "OPTIONS",
        headers: { Origin: pageOrigin, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "authorization,x-experience-api-version,if-match,content-type" },
      });
      expect(res.status).to.equal(204);
      expect(res.headers.get("Access-Control-Allow-Origin")).to.equal("*");
      const allowed = (res.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase();
      for (const header of ["authorization", "x-experience-api-version", "if-match", "if-none-match", "content-type"]) expect(allowed).to.include(header);
      expect(res.headers.get("Access-Control-Allow-Methods")).to.include("PUT");
    } finally {
      await server.close();
    }
  });
});
