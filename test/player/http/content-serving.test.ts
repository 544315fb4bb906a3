import { expect } from "chai";
import { rawZip } from "../../support/raw-zip.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { tincanXml } from "../support/package-fixtures.js";

/** Bytes that differ along the file, so every range has one right answer. */
const media = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

const mimeTypes: [string, RegExp][] = [
  ["index.html", /^text\/html/],
  ["app.js", /^(text|application)\/javascript/],
  ["app.mjs", /^(text|application)\/javascript/],
  ["style.css", /^text\/css/],
  ["data.json", /^application\/json/],
  ["meta.xml", /^(application|text)\/xml/],
  ["captions.vtt", /^text\/vtt/],
  ["video.webm", /^video\/webm$/],
  ["video.mp4", /^video\/mp4$/],
  ["audio.mp3", /^audio\/mpeg$/],
  ["image.svg", /^image\/svg\+xml/],
  ["image.png", /^image\/png$/],
  ["font.woff2", /^font\/woff2$/],
  ["font.woff", /^font\/woff$/],
  ["doc.pdf", /^application\/pdf$/],
  ["blob.unknownext", /^application\/octet-stream$/],
];

describe("player: serving package content", () => {
  let server: RunningServer;
  let learner: HttpClient;
  let base: string;

  before(async () => {
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const zip = rawZip([
      { name: "tincan.xml", content: tincanXml },
      { name: "start/index.html", content: "<!doctype html><title>x</title>" },
      { name: "moduli/a.html", content: "<!doctype html><title>a</title>" },
      { name: "media/.hidden", content: "secret" },
      ...mimeTypes.map(([name]) => ({ name: `media/${name}`, content: name.startsWith("video") || name.startsWith("audio") ? media : `/* ${name} */` })),
    ]);
    const response = await trainer.uploadPackage(zip);
    expect(response.status).to.equal(201);
    base = `/content/${((await response.json()) as { packageId: string }).packageId}`;
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
  });
  after(() => server.stop());

  for (const [name, type] of mimeTypes) {
    it(`serves .${name.split(".").pop()} as ${type.source.replace(/[\\^$]/g, "")}, with the content policy and nosniff`, async () => {
      const response = await learner.request(`${base}/media/${name}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-type")).to.match(type);
      expect(response.headers.get("content-security-policy")).to.contain("default-src 'self'").and.contain("object-src 'none'").and.contain("frame-ancestors 'self'");
      expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
    });
  }

  it("answers a byte range of a video with 206 and exactly those bytes", async () => {
    const response = await learner.request(`${base}/media/video.webm`, { headers: { range: "bytes=100-199" } });
    expect(response.status).to.equal(206);
    expect(response.headers.get("content-range")).to.equal("bytes 100-199/1000");
    expect(response.headers.get("accept-ranges")).to.equal("bytes");
    expect(Buffer.from(await response.arrayBuffer())).to.deep.equal(media.subarray(100, 200));
  });

  it("answers an open-ended and a suffix range", async () => {
    const open = await learner.request(`${base}/media/audio.mp3`, { headers: { range: "bytes=990-" } });
    expect(open.status).to.equal(206);
    expect(Buffer.from(await open.arrayBuffer())).to.deep.equal(media.subarray(990));
    const suffix = await learner.request(`${base}/media/video.mp4`, { headers: { range: "bytes=-5" } });
    expect(suffix.status).to.equal(206);
    expect(suffix.headers.get("content-range")).to.equal("bytes 995-999/1000");
  });

  it("answers 416 with the size when the range starts past the end", async () => {
    const response = await learner.request(`${base}/media/video.webm`, { headers: { range: "bytes=5000-6000" } });
    expect(response.status).to.equal(416);
    expect(response.headers.get("content-range")).to.equal("bytes */1000");
    expect(response.headers.get("content-security-policy")).to.contain("default-src 'self'");
  });

  it("answers 404 for missing files, dotfiles, directories, bad package ids and paths that climb out", async () => {
    for (const url of [`${base}/media/none.html`, `${base}/media/.hidden`, `${base}/media`, "/content/not-a-package/index.html", `${base}/..%2f..%2fplayer.sqlite`]) {
      const response = await learner.request(url);
      expect(response.status, url).to.equal(404);
      expect(await response.text()).to.not.contain("secret");
    }
  });

  it("serves content only to signed-in people", async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const response = await anonymous.request(`${base}/media/index.html`);
    expect(response.status).to.equal(303);
  });
});
