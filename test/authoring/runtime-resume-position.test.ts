import { expect } from "chai";
import { type ResumeState, decodeResume, encodeResume } from "../../authoring/runtime/tracker.js";

describe("runtime: resume state keeps where each video stopped", () => {
  const state: ResumeState = { page: 2, seen: [0, 1, 2], videos: [{ segments: "0[.]7", ended: false, time: 7 }, { segments: "", ended: true }], answers: undefined };

  it("round-trips the position, and leaves it out for a video at the start or watched to the end", () => {
    expect(decodeResume(encodeResume(state, 4096))).to.deep.equal(state);
  });

  it("keeps the position when suspend data is too long for the segments", () => {
    const decoded = decodeResume(encodeResume({ ...state, videos: [{ segments: "0[.]1[,]".repeat(600) + "2[.]3", ended: false, time: 7 }] }, 4096));
    expect(decoded?.videos).to.deep.equal([{ segments: "", ended: false, time: 7 }]);
  });

  it("ignores a position that is not a positive number", () => {
    expect(decodeResume(JSON.stringify({ v: 1, p: 0, s: [], w: [["", 0, "7"], ["", 0, -1]] }))?.videos).to.deep.equal([{ segments: "", ended: false }, { segments: "", ended: false }]);
  });
});
