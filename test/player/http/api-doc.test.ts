// docs/api.md stays complete: every route in the player's route tables (read from the real
// router the standalone server mounts, nested routers included) is named there as
// "METHOD /path", with Express's `:param` written `{param}`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { type RunningServer, startStandalone } from "../../support/standalone.js";
import { projectRoot } from "../../support/tools.js";

interface Layer { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }

/** Every route of a router and the routers it uses, as "METHOD /path". */
export function routesOf(stack: readonly Layer[]): string[] {
  const routes: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const routePath of [layer.route.path].flat()) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== "_all")) routes.push(`${method.toUpperCase()} ${routePath}`);
      }
    } else if (layer.handle?.stack) {
      routes.push(...routesOf(layer.handle.stack));
    }
  }
  return routes;
}

/** Whether the page names the route: "GET /api/keys/{keyId}" not followed by more path. */
export function mentions(doc: string, route: string): boolean {
  const documented = route.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
  const escaped = documented.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s\`(|])${escaped}(?![A-Za-z0-9_{}./-])`, "m").test(doc);
}

describe("docs/api.md", () => {
  let server: RunningServer;
  let doc: string;
  before(async () => {
    server = await startStandalone();
    doc = await readFile(path.join(projectRoot, "docs/api.md"), "utf8");
  });
  after(async () => server?.stop());

  it("names every route of the player's routers", () => {
    const routes = routesOf((server.player.router as unknown as { stack: Layer[] }).stack);
    // The tables are really read: the API's own routes are among them.
    expect(routes).to.include.members(["POST /api/registrations/:registration/launches", "GET /launch/:token", "DELETE /api/keys/:keyId", "GET /"]);
    expect(routes.filter((route) => !mentions(doc, route)), "routes docs/api.md does not mention").to.deep.equal([]);
  });

  it("tells a mentioned route from a longer one and from one never mentioned", () => {
    const sample = "`GET /course/return` and POST /api/keys/{keyId}/x, and | `GET /` |";
    expect(mentions(sample, "GET /course/return")).to.equal(true);
    expect(mentions(sample, "GET /course")).to.equal(false);
    expect(mentions(sample, "POST /api/keys/:keyId")).to.equal(false);
    expect(mentions(sample, "GET /")).to.equal(true);
    expect(mentions(sample, "POST /")).to.equal(false);
  });
});
