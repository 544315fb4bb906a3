// The one copy of how browser tests get a Chromium, log a person in, and wait for the server to
// catch up with what the page did. Tests keep their own set-up order: they call requireChromium
// first (so nothing expensive runs on a machine without Chromium) and launchChromium when ready.
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumPath, hasChromium, requireTool } from "./tools.js";

/** Headless, no sandbox (tests run as root in containers), no GPU, and no calls home that could slow or flake a run. */
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/**
 * Skips the calling test or suite when /usr/bin/chromium is missing, saying so;
 * under CI=true a missing Chromium fails instead, so CI never passes by skipping.
 */
export function requireChromium(context: Mocha.Context): void {
  requireTool(context, "Chromium (/usr/bin/chromium)", hasChromium());
}

export interface LaunchOptions {
  /** Switches added after the shared ones, for a test that needs more (e.g. an autoplay policy). */
  extraArgs?: readonly string[];
}

/** Launches the system Chromium headless with the shared switches. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...(options.extraArgs ?? [])] });
}

/**
 * Logs a person in through the player's login form and waits for the catalog it lands on
 * (with no `next`, the player always sends a fresh login to /catalog).
 */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('form[action="/login"] button[type="submit"]'); // the login form's own button: the header has forms too (language switch, sign out)
  await page.waitForURL(`${baseUrl}/catalog`);
}

export interface PollOptions {
  /** How many reads before giving up; default 200. */
  tries?: number;
  /** Pause between reads in milliseconds; default 50. */
  intervalMs?: number;
}

/**
 * Reads until `ready` accepts the value, for server-side effects that land after the page moved on
 * (statements, attempts); after the last try it answers one more read, so the caller's assertion
 * shows what was there rather than a bare timeout.
 */
export async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, options: PollOptions = {}): Promise<T> {
  const tries = options.tries ?? 200;
  const intervalMs = options.intervalMs ?? 50;
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return read();
}
