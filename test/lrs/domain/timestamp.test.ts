import { expect } from "chai";
import { parseTimestamp } from "../../../lrs/domain/timestamp.js";

describe("parseTimestamp", () => {
  const instants: [string, string, boolean][] = [
    ["2008-09-15T15:53:00.601Z", "2008-09-15T15:53:00.601Z", true],
    ["2008-09-15 17:53:00.601+02:00", "2008-09-15T15:53:00.601Z", true],
    ["20080915T155300.601+0200", "2008-09-15T13:53:00.601Z", true],
    ["2008-09-15T15:53:00,6019-01", "2008-09-15T16:53:00.601Z", true],
    ["2008-09-15T15:53-0130", "2008-09-15T17:23:00.000Z", true],
    ["2008-09-15T24:00:00Z", "2008-09-16T00:00:00.000Z", true],
    ["2024-02-29T00:00:00", "2024-02-29T00:00:00.000Z", false],
    ["0050-01-01T00:00:00Z", "0050-01-01T00:00:00.000Z", true],
  ];
  for (const [text, instant, hasZone] of instants) {
    it(`reads ${text} as ${instant}`, () => {
      expect(parseTimestamp(text)).to.deep.equal({ instant, hasZone });
    });
  }

  for (const text of ["2023-02-29T00:00:00Z", "2008-09-15T24:00:01Z", "2008-09-15T12:60:00Z", "2008-09-15T12:00:60Z", "2008-09-15T12:00:00+2400", "2008-09-15T12:00:00-00:00", "2008-09-15T12Z", "2008-09-15", "2008-259T12:00:00Z", "2008-W38-1T12:00:00Z", "2008-09-15T12:00:00 Z"]) {
    it(`refuses ${text}`, () => {
      expect(parseTimestamp(text)).to.equal(undefined);
    });
  }
});
