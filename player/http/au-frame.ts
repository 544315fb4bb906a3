// The player page an AnyWindow cmi5 AU runs in (8.1.0.0-3: the LMS chooses the window
// context): the AU's title, a way back to the course, and the AU in an iframe of its own.
import type { Response } from "express";
import type { LaunchTicket } from "../services/cmi5-launcher.js";
import { pickLanguage, uiLanguageOf } from "./strings/ui-language.js";
import type { Views } from "./views.js";

export function renderAuFrame(views: Views, res: Response, input: { ticket: LaunchTicket; courseId: string; origin: string }): void {
  const { ticket, courseId, origin } = input;
  const auOrigin = new URL(ticket.auLaunchUrl).origin;
  // The frame holds the one-time fetch URL: no cache may keep it, no back button may replay it.
  res.setHeader("Cache-Control", "no-store");
  views.render(
    res,
    "au-frame",
    {
      title: pickLanguage(ticket.auTitle, uiLanguageOf(res)),
      auTitle: ticket.auTitle,
      launchUrl: ticket.auLaunchUrl,
      coursePath: `/course?id=${encodeURIComponent(courseId)}`,
    },
    // An AU on another site (an absolute URL in cmi5.xml) may be framed from there too.
    auOrigin === origin ? {} : { frameSources: [auOrigin] },
  );
}
