import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { Response } from "express";
import { pageContentSecurityPolicy } from "./security-headers.js";
import { contextOf } from "./web-auth.js";

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "views");

/** Handlebars pages of the player, compiled once; `{{ }}` escapes everything it prints. */
export class Views {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    const hb = this.handlebars;
    hb.registerHelper("text", (map: unknown) => pickLanguage(map));
    hb.registerHelper("date", (iso: unknown) => (typeof iso === "string" ? formatDate(iso) : ""));
    hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    for (const file of readdirSync(viewsDir).filter((f) => f.endsWith(".hbs"))) {
      this.templates.set(path.basename(file, ".hbs"), hb.compile(readFileSync(path.join(viewsDir, file), "utf8"), { strict: false }));
    }
  }

  /** Renders a page inside the layout, with the user and CSRF token every page needs. */
  render(res: Response, page: string, data: Record<string, unknown>, status = 200): void {
    const template = this.templates.get(page);
    const layout = this.templates.get("layout");
    if (!template || !layout) throw new Error(`no view named ${page}`);
    const { user, csrfToken } = contextOf(res);
    const context = { ...data, user, csrfToken };
    const body = template(context);
    res.setHeader("Content-Security-Policy", pageContentSecurityPolicy);
    res.status(status).type("html").send(layout({ ...context, body: new Handlebars.SafeString(body) }));
  }
}

/** Serbian Latin first, then English, then whatever the content offers. */
export function pickLanguage(map: unknown): string {
  if (typeof map === "string") return map;
  if (typeof map !== "object" || map === null) return "";
  const languages = map as Record<string, string>;
  return languages["sr-Latn"] ?? languages["sr-Latn-RS"] ?? languages.sr ?? languages.en ?? languages["en-US"] ?? Object.values(languages)[0] ?? "";
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}. ${pad(date.getUTCMonth() + 1)}. ${date.getUTCFullYear()}.`;
}
