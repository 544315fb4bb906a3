// The player page an xAPI (TinCan) activity runs in, like an AnyWindow cmi5 AU: its title, a
// way back to the package page, and the content in an iframe of its own with the launch query.
import type { Response } from "express";
import type { XapiLaunchTicket } from "../services/xapi-launcher.js";
import { pickLanguage, uiLanguageOf } from "./strings/ui-language.js";
import type { Views } from "./views.js";

export function renderXapiFrame(views: Views, res: Response, input: { ticket: XapiLaunchTicket; origin: string }): void {
  const { ticket, origin } = input;
  const contentOrigin = new URL(ticket.url).origin;
  // The frame's src holds the launch credential: no cache may keep it, no back button may replay it.
  res.setHeader("Cache-Control", "no-store");
  views.render(
    res,
    "au-frame",
    {
      title: pickLanguage(ticket.title, uiLanguageOf(res)),
      auTitle: ticket.title,
      launchUrl: ticket.url,
      coursePath: `/xapi-course?package=${encodeURIComponent(ticket.packageId)}`,
    },
    // An activity on another site (an absolute launch URL in tincan.xml) may be framed from there too.
    contentOrigin === origin ? {} : { frameSources: [contentOrigin] },
  );
}
