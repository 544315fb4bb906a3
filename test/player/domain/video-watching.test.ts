import { expect } from "chai";
import { type VideoStatement, computeVideoWatching, parsePlayedSegments, videoExtensions } from "../../../player/domain/video-watching.js";

const played = "https://w3id.org/xapi/video/verbs/played";
const paused = "https://w3id.org/xapi/video/verbs/paused";
const seeked = "https://w3id.org/xapi/video/verbs/seeked";
const completed = "http://adlnet.gov/expapi/verbs/completed";
const start = Date.parse("2026-11-23T10:00:00.000Z");

let counter = 0;
function statement(atSeconds: number, verb: string, segments: string | undefined, extra: Record<string, unknown> = {}, session = "s1"): VideoStatement {
  const result: Record<string, unknown> = { ...extra };
  if (segments !== undefined) result[videoExtensions.playedSegments] = segments;
  const at = new Date(start + atSeconds * 1000).toISOString();
  return { id: `st-${++counter}`, stored: at, timestamp: at, verb, resultExtensions: result, contextExtensions: { [videoExtensions.sessionId]: session } };
}

describe("player domain: recorded training watched (ADL Video Profile played segments)", () => {
  it("parses played-segments, skipping malformed parts and clipping to the media length", () => {
    expect(parsePlayedSegments("0[.]5.5[,]x[.]2[,]8[.]30[,]9[.]3", 20)).to.deep.equal([[0, 5.5], [8, 20]]);
    expect(parsePlayedSegments(undefined, 20)).to.deep.equal([]);
  });

  it("counts the union of segments over every statement and session, once", () => {
    const watching = computeVideoWatching(
      [
        statement(0, played, undefined, { [videoExtensions.time]: 0 }),
        statement(10, paused, "0[.]10", { [videoExtensions.time]: 10 }),
        statement(100, played, "0[.]10", {}, "s2"),
        statement(108, paused, "0[.]10[,]5[.]18", { [videoExtensions.time]: 18 }, "s2"),
      ],
      20,
      0.9,
    );
    expect(watching.watchedSeconds).to.equal(18);
    expect(watching.progress).to.equal(0.9);
    expect(watching.watched).to.equal(true);
    expect(watching.flagged).to.deep.equal([]);
    expect(watching.resumeAt).to.equal(18);
  });

  it("earns nothing for skipping ahead: a seek to the end and Completed add only what was played", () => {
    const watching = computeVideoWatching(
      [
        statement(0, played, undefined),
        statement(2, seeked, "0[.]2", { [videoExtensions.timeTo]: 19.5 }),
        statement(3, completed, "0[.]2[,]19.5[.]20", { [videoExtensions.time]: 20 }),
      ],
      20,
      0.9,
    );
    expect(watching.watchedSeconds).to.equal(2.5);
    expect(watching.watched).to.equal(false);
    expect(watching.resumeAt).to.equal(0);
  });

  it("flags and leaves out segments claimed faster than wall-clock time allows", () => {
    const watching = computeVideoWatching(
      [statement(0, played, undefined), statement(1, paused, "0[.]20", { [videoExtensions.time]: 20 })],
      20,
      0.9,
    );
    expect(watching.watchedSeconds).to.equal(0);
    expect(watching.watched).to.equal(false);
    expect(watching.flagged).to.have.length(1);
    expect(watching.flagged[0]).to.include({ claimedSeconds: 20, elapsedSeconds: 1 });
  });

  it("shares the time before a batch stored in one instant among its statements, in the client's order", () => {
    const batch = (id: string, timestamp: string, segments: string): VideoStatement => ({
      id,
      stored: new Date(start + 30_000).toISOString(),
      timestamp,
      verb: paused,
      resultExtensions: { [videoExtensions.playedSegments]: segments },
      contextExtensions: { [videoExtensions.sessionId]: "s1" },
    });
    const watching = computeVideoWatching(
      [statement(0, played, undefined), batch("b-later", new Date(start + 10_000).toISOString(), "0[.]20"), batch("a-earlier", new Date(start + 5_000).toISOString(), "0[.]10")],
      20,
      0.9,
    );
    // Both stored 30 s after Played: 30 s × 2 + 2 s of allowance for the batch's 20 s.
    expect(watching.flagged).to.deep.equal([]);
    expect(watching.watchedSeconds).to.equal(20);
    // The same batch after only 6 s: 10 + 10 s claimed against 14 s of allowance, so the second is flagged.
    const tooFast = computeVideoWatching(
      [statement(0, played, undefined), { ...batch("b", new Date(start + 2_000).toISOString(), "0[.]20"), stored: new Date(start + 6_000).toISOString() }, { ...batch("a", new Date(start + 1_000).toISOString(), "0[.]10"), stored: new Date(start + 6_000).toISOString() }],
      20,
      0.9,
    );
    expect(tooFast.watchedSeconds).to.equal(10);
    expect(tooFast.flagged.map((f) => f.statementId)).to.deep.equal(["b"]);
  });

  it("measures against the server's length, not the client's: longer claims are clipped", () => {
    const watching = computeVideoWatching([statement(0, played, undefined), statement(60, paused, "0[.]100")], 20, 0.9);
    expect(watching.watchedSeconds).to.equal(20);
    expect(watching.progress).to.equal(1);
  });

  it("reports no progress when the server does not know the length", () => {
    const watching = computeVideoWatching([statement(0, played, undefined), statement(30, paused, "0[.]20")], undefined, 0.9);
    expect(watching.progress).to.equal(undefined);
    expect(watching.watched).to.equal(false);
  });
});
