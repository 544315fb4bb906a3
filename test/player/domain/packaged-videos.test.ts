import { expect } from "chai";
import { findVideosOnPage } from "../../../player/domain/packaged-videos.js";

const config = (ids: string[]) => `<script type="application/json" id="obuka-au">${JSON.stringify({ standard: "xapi", videos: ids.map((activityId) => ({ activityId, title: "t" })) })}</script>`;
const video = (src: string) => `<video controls><source src="${src}" type="video/webm"><track kind="captions" src="x.vtt"></video>`;

describe("player domain: recorded trainings on an obuka launch page", () => {
  it("pairs the page's video activities with its <video> sources in order, as package paths", () => {
    const html = `<main>${video("../../media/a.webm")}<p>…</p>${video("../../media/b%20c.webm")}</main>${config(["https://x.example/m/1/videos/1", "https://x.example/m/1/videos/2"])}`;
    expect(findVideosOnPage(html, "au/01/index.html")).to.deep.equal([
      { activityId: "https://x.example/m/1/videos/1", mediaPath: "media/a.webm", completionThreshold: undefined },
      { activityId: "https://x.example/m/1/videos/2", mediaPath: "media/b c.webm", completionThreshold: undefined },
    ]);
  });

  it("reads each video's completion threshold from the page's config, and ignores one outside 0–1", () => {
    const configured = (thresholds: unknown[]) =>
      `<script type="application/json" id="obuka-au">${JSON.stringify({ standard: "cmi5", videos: thresholds.map((completionThreshold, i) => ({ activityId: `https://x.example/v/${i}`, title: "t", completionThreshold })) })}</script>`;
    const html = `${video("a.webm")}${video("b.webm")}${video("c.webm")}${video("d.webm")}${configured([0.5, 1.5, "0.7", 0])}`;
    expect(findVideosOnPage(html, "index.html").map((v) => v.completionThreshold)).to.deep.equal([0.5, undefined, undefined, 0]);
  });

  const nothing: [string, string][] = [
    ["a page of another tool (no obuka-au)", video("media/a.webm")],
    ["a count mismatch", `${video("a.webm")}${config(["https://x.example/1", "https://x.example/2"])}`],
    ["a configuration that is not JSON", `${video("a.webm")}<script type="application/json" id="obuka-au">{nope</script>`],
  ];
  for (const [what, html] of nothing) {
    it(`finds nothing in ${what}`, () => {
      expect(findVideosOnPage(html, "index.html")).to.deep.equal([]);
    });
  }

  it("skips sources outside the package (URLs, absolute paths, ../ above the root)", () => {
    const html = `${video("https://cdn.example/a.webm")}${video("/media/b.webm")}${video("../../c.webm")}${config(["https://x.example/1", "https://x.example/2", "https://x.example/3"])}`;
    expect(findVideosOnPage(html, "au/index.html")).to.deep.equal([]);
  });
});
