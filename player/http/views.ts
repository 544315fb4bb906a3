import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { Response } from "express";
import { pageContentSecurityPolicy } from "./security-headers.js";
import type { UiStringKey } from "./strings/sr-Latn.js";
import { type UiLanguage, type UiStrings, buildUiStrings, formatUiString, languageNames, pickLanguage, uiLanguageOf, uiLanguages } from "./strings/ui-language.js";
import { contextOf } from "./web-auth.js";

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "views");

export interface RenderOptions {
  status?: number;
  /** `embed`: no header, menu or language switch, for an iframe in a portal's page. */
  layout?: "layout" | "embed-layout";
  /** The page's frame-ancestors (embed pages take the player's option; others stay 'self'). */
  frameAncestors?: string;
  /** Other sites the page may frame (an AU hosted elsewhere); frames from this site are always allowed. */
  frameSources?: readonly string[];
}

/** Handlebars pages of the player, compiled once; `{{ }}` escapes everything it prints. */
export class Views {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly strings = buildUiStrings();

  constructor() {
    const hb = this.handlebars;
    // `{{text map}}`: a content language map in the page's language.
    hb.registerHelper("text", (map: unknown, options: Handlebars.HelperOptions) => pickLanguage(map, rootOf(options).lang));
    // `{{t "key" name=value}}`: a UI string of the page's language.
    hb.registerHelper("t", (key: UiStringKey, options: Handlebars.HelperOptions) => formatUiString(rootOf(options).strings[key] ?? key, options.hash as Record<string, unknown>, rootOf(options).lang));
    hb.registerHelper("date", (iso: unknown) => (typeof iso === "string" ? formatDate(iso) : ""));
    hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    hb.registerHelper("or", (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
    for (const file of readdirSync(viewsDir).filter((f) => f.endsWith(".hbs"))) {
      const source = readFileSync(path.join(viewsDir, file), "utf8");
      this.templates.set(path.basename(file, ".hbs"), hb.compile(source, { strict: false }));
      // Every view is also a partial (`{{> credit-period}}`), so pages can share a block.
      hb.registerPartial(path.basename(file, ".hbs"), source);
    }
  }

  /** A UI string in the response's language, for titles and messages built in handlers. */
  text(res: Response, key: UiStringKey, params: Record<string, unknown> = {}): string {
    const lang = uiLanguageOf(res);
    return formatUiString(this.strings[lang][key], params, lang);
  }

  /** Renders a page inside the layout, with the user, CSRF token and language every page needs. */
  render(res: Response, page: string, data: Record<string, unknown>, statusOrOptions: number | RenderOptions = 200): void {
    const options = typeof statusOrOptions === "number" ? { status: statusOrOptions } : statusOrOptions;
    const template = this.templates.get(page);
    const layout = this.templates.get(options.layout ?? "layout");
    if (!template || !layout) throw new Error(`no view named ${page}`);
    const { user, csrfToken, viaPortal } = contextOf(res);
    const lang = uiLanguageOf(res);
    const here = currentPathWithoutLang(typeof res.req?.originalUrl === "string" ? res.req.originalUrl : "/");
    const languages = uiLanguages.map((code) => ({ code, name: languageNames[code], current: code === lang }));
    const context = { ...data, user, csrfToken, viaPortal, lang, strings: this.strings[lang], languages, here };
    const body = template(context);
    const frameAncestors = options.frameAncestors ?? "'self'";
    const frameSrc = options.frameSources?.length ? `; frame-src 'self' ${options.frameSources.join(" ")}` : "";
    res.setHeader("Content-Security-Policy", pageContentSecurityPolicy.replace("frame-ancestors 'self'", `frame-ancestors ${frameAncestors}`) + frameSrc);
    // X-Frame-Options cannot name other origins; CSP frame-ancestors supersedes it where they differ.
    if (frameAncestors !== "'self'") res.removeHeader("X-Frame-Options");
    res.setHeader("Content-Language", lang);
    res.status(options.status ?? 200).type("html").send(layout({ ...context, body: new Handlebars.SafeString(body) }));
  }
}

/** Where the language switch returns to: this page, minus a `?lang=` that would override the new choice. */
function currentPathWithoutLang(originalUrl: string): string {
  const url = new URL(originalUrl, "http://player.invalid");
  url.searchParams.delete("lang");
  return url.pathname + url.search;
}

function rootOf(options: Handlebars.HelperOptions): { lang: UiLanguage; strings: UiStrings } {
  return (options.data as { root: { lang: UiLanguage; strings: UiStrings } }).root;
}

export { pickLanguage };

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}. ${pad(date.getUTCMonth() + 1)}. ${date.getUTCFullYear()}.`;
}
