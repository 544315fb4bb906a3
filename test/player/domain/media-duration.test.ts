import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type ByteSource, readMediaDuration } from "../../../player/domain/media-duration.js";
import { projectRoot, requireTool, run } from "../../support/tools.js";

function sourceOf(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

async function ffprobeSeconds(file: string): Promise<number> {
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]);
  return Number(stdout.trim());
}

const hasFfmpeg = () => run("ffprobe", ["-version"]).then(() => true, () => false);

describe("player domain: media length from the file header", () => {
  it("reads the Duration of every course's WebM recorded training, as ffprobe does", async function () {
    requireTool(this, "ffprobe (apt-get install -y ffmpeg)", await hasFfmpeg());
    const courses = path.join(projectRoot, "courses");
    const files: string[] = [];
    for (const course of await readdir(courses, { withFileTypes: true })) {
      if (!course.isDirectory()) continue;
      const media = path.join(courses, course.name, "media");
      for (const name of await readdir(media).catch(() => [])) if (name.endsWith(".webm")) files.push(path.join(media, name));
    }
    expect(files.length).to.be.greaterThan(10);
    for (const file of files) {
      const seconds = await readMediaDuration(sourceOf(new Uint8Array(await readFile(file))));
      expect(seconds, file).to.be.a("number");
      expect(seconds!, file).to.be.closeTo(await ffprobeSeconds(file), 0.01);
    }
  });

  it("reads mvhd of an MP4, with moov after mdat, as ffprobe does", async function () {
    requireTool(this, "ffmpeg (apt-get install -y ffmpeg)", await hasFfmpeg());
    const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-mp4-"));
    const mp4 = path.join(dir, "clip.mp4");
    // Without +faststart ffmpeg writes moov at the end, after the media data.
    await run("ffmpeg", ["-v", "error", "-y", "-i", path.join(projectRoot, "courses/pride-foster-care/media/uvod.webm"), "-t", "3.5", "-c:v", "libx264", "-an", mp4]);
    const bytes = new Uint8Array(await readFile(mp4));
    const seconds = await readMediaDuration(sourceOf(bytes));
    expect(seconds).to.be.closeTo(await ffprobeSeconds(mp4), 0.05);
    expect(seconds).to.be.closeTo(3.5, 0.1);
  });

  it("gives undefined for files that are not WebM or MP4, and for a truncated WebM", async () => {
    const vtt = new Uint8Array(await readFile(path.join(projectRoot, "courses/pride-foster-care/media/uvod.sr-Latn.vtt")));
    expect(await readMediaDuration(sourceOf(vtt))).to.equal(undefined);
    expect(await readMediaDuration(sourceOf(new Uint8Array(0)))).to.equal(undefined);
    const webm = new Uint8Array(await readFile(path.join(projectRoot, "courses/pride-foster-care/media/uvod.webm")));
    expect(await readMediaDuration(sourceOf(webm.subarray(0, 40)))).to.equal(undefined);
  });
});
