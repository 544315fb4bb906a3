// At import: the recorded trainings a package's launch pages play, with the media length read
// from each file (so "watched" is measured against what the server knows).
import { open } from "node:fs/promises";
import path from "node:path";
import { listAus } from "../domain/cmi5-structure.js";
import { type ContentPackage, isExternalUrl, listScormItems, packagePathOf } from "../domain/content-package.js";
import { readMediaDuration } from "../domain/media-duration.js";
import { findVideosOnPage } from "../domain/packaged-videos.js";
import type { PackagedVideo } from "../store/player-store.js";

/** Launch pages are small; a larger "page" is not one of ours and is not read. */
const maxPageBytes = 5 * 1024 * 1024;

export async function scanPackagedVideos(contentRoot: string, content: ContentPackage): Promise<PackagedVideo[]> {
  const videos = new Map<string, PackagedVideo>();
  for (const page of launchPages(content)) {
    const html = await readPage(path.join(contentRoot, page));
    if (html === undefined) continue;
    for (const video of findVideosOnPage(html, page)) {
      if (videos.has(video.activityId)) continue;
      videos.set(video.activityId, { ...video, durationSeconds: await mediaDurationOf(path.join(contentRoot, video.mediaPath)) });
    }
  }
  return [...videos.values()];
}

function launchPages(content: ContentPackage): string[] {
  const references =
    content.format === "cmi5"
      ? listAus(content.course.children).map((au) => au.url)
      : content.format === "xapi"
        ? content.activities.map((a) => a.launch ?? "")
        : content.organizations.flatMap((o) => listScormItems(o.items).map((item) => item.launch ?? ""));
  return [...new Set(references.filter((r) => r !== "" && !isExternalUrl(r)).map(packagePathOf))];
}

async function readPage(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, "r");
    try {
      if ((await handle.stat()).size > maxPageBytes) return undefined;
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

async function mediaDurationOf(file: string): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    const opened = handle;
    return await readMediaDuration({
      size,
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await opened.read(buffer, 0, buffer.length, offset);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

