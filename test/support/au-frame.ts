// The player's AU frame page, read the way a browser would: the launch URL is the iframe's src.
import { expect } from "chai";
import type { Frame, Page } from "playwright-core";

/** The launch URL in the frame page a launch answered with (AnyWindow cmi5 AUs, xAPI activities). */
export async function launchUrlOfFramePage(response: Response): Promise<URL> {
  expect(response.status, "the content runs in the player's frame page").to.equal(200);
  expect(response.headers.get("cache-control")).to.equal("no-store");
  const html = await response.text();
  const src = /<iframe[^>]*\ssrc="([^"]*)"[^>]*data-testid="au-frame"/.exec(html)?.[1];
  expect(src, "the frame page has the AU iframe").to.be.a("string");
  return new URL(decodeHtmlAttribute(src!));
}

/** Handlebars escapes & < > " ' ` = in attribute values. */
function decodeHtmlAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#x60": "`", "#x3D": "=" })[entity]!);
}

/** The AU's frame inside the player page, once it has loaded the launch URL. */
export function auFrameOf(page: Page): Promise<Frame> {
  return contentFrameOf(page, /[?&]fetch=/);
}

/** The content's frame inside a player frame page (cmi5 AU or xAPI activity), once it has loaded a URL like `launched`. */
export async function contentFrameOf(page: Page, launched: RegExp): Promise<Frame> {
  const iframe = page.locator('iframe[data-testid="au-frame"]');
  await iframe.waitFor();
  const frame = await (await iframe.elementHandle())!.contentFrame();
  expect(frame, "the content iframe has a frame").to.not.equal(null);
  await frame!.waitForURL(launched);
  return frame!;
}
