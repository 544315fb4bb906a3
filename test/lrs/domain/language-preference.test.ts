import { expect } from "chai";
import { parseAcceptLanguage, pickLanguage } from "../../../lrs/domain/language-preference.js";

describe("Accept-Language for canonical language maps", () => {
  const map = { "en-US": "completed", "sr-Latn": "završio", de: "abgeschlossen" };
  const table: [string | undefined, Record<string, string>][] = [
    ["sr-Latn", { "sr-Latn": "završio" }],
    ["sr", { "sr-Latn": "završio" }],
    ["SR-latn", { "sr-Latn": "završio" }],
    ["en;q=0.5, de;q=0.9", { de: "abgeschlossen" }],
    ["fr, en", { "en-US": "completed" }],
    ["sr-Latn-RS", { "en-US": "completed" }],
    ["de;q=0, en-US", { "en-US": "completed" }],
    ["*", { "en-US": "completed" }],
    [undefined, { "en-US": "completed" }],
    ["!!!, ;q=x", { "en-US": "completed" }],
  ];
  for (const [header, expected] of table) {
    it(`keeps ${JSON.stringify(expected)} for Accept-Language ${JSON.stringify(header)}`, () => {
      expect(pickLanguage(map, parseAcceptLanguage(header))).to.deep.equal(expected);
    });
  }
  it("keeps an empty map empty", () => {
    expect(pickLanguage({}, parseAcceptLanguage("en"))).to.deep.equal({});
  });
});
