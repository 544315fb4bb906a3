// Which media file plays which recorded-training activity. No standard manifest says so,
// so this reads the launch pages the obuka runtime ships: the page's `obuka-au` JSON lists
// its video activities in the order its <video> elements appear. Pages of other tools yield
// nothing, and the player then reports their videos without a server-known length.
import { posix } from "node:path";

export interface VideoOnPage {
  activityId: string;
  /** Package path of the media file (relative to the package root, no query). */
  mediaPath: string;
  /** The share that counts as watched, as the page's config names it (0–1); undefined when it names none. */
  completionThreshold: number | undefined;
}

/** The recorded trainings of one launch page at `pagePath` (a package path). */
export function findVideosOnPage(html: string, pagePath: string): VideoOnPage[] {
  const config = /<script[^>]*\bid=["']obuka-au["'][^>]*>([\s\S]*?)<\/script>/i.exec(html)?.[1];
  if (config === undefined) return [];
  let declared: { activityId: string; completionThreshold: number | undefined }[];
  try {
    const parsed = JSON.parse(config) as { videos?: { activityId?: unknown; completionThreshold?: unknown }[] };
    declared = (Array.isArray(parsed.videos) ? parsed.videos : []).flatMap((v) =>
      v !== null && typeof v === "object" && typeof v.activityId === "string" ? [{ activityId: v.activityId, completionThreshold: shareOrUndefined(v.completionThreshold) }] : [],
    );
  } catch {
    return [];
  }
  const sources = [...html.matchAll(/<video\b[^>]*>([\s\S]*?)<\/video>/gi)].map((match) => {
    const own = attribute(match[0].slice(0, match[0].indexOf(">") + 1), "src");
    const firstSource = /<source\b[^>]*>/i.exec(match[1] ?? "")?.[0];
    return own ?? (firstSource === undefined ? undefined : attribute(firstSource, "src"));
  });
  // Pairing by order is only safe when the page and its config agree on the count.
  if (sources.length !== declared.length) return [];
  const videos: VideoOnPage[] = [];
  for (const [index, { activityId, completionThreshold }] of declared.entries()) {
    const src = sources[index];
    const mediaPath = src === undefined ? undefined : resolvePackagePath(pagePath, src);
    if (mediaPath !== undefined) videos.push({ activityId, mediaPath, completionThreshold });
  }
  return videos;
}

/** A threshold outside 0–1 (or not a number) is not one the course could have meant: the default applies. */
function shareOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(tag);
  return match === null ? undefined : decodeEntities(match[2] ?? match[3] ?? "");
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** A relative reference from a page, as a package path; undefined for URLs and paths leaving the package. */
function resolvePackagePath(pagePath: string, reference: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith("/")) return undefined;
  const clean = reference.split(/[?#]/)[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    return undefined;
  }
  const joined = posix.normalize(posix.join(posix.dirname(pagePath), decoded));
  return joined.startsWith("../") || joined === ".." ? undefined : joined;
}
