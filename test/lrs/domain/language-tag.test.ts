import { expect } from "chai";
import { isLanguageTag } from "../../../lrs/domain/language-tag.js";

// Tags the ADL suites send (v2_0 configs/formatting.js) and RFC 5646's own examples.
const wellFormed = ["de", "de-DE", "zh-Hant", "sr-Latn-RS", "sr-Cyrl", "cmn", "ase", "zh-Hans-CN", "es-419", "de-CH-1901", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "en-GB-oed"];
const illFormed = ["something", "zh-z-aaa-z-bbb-c-ccc", "de-1901-1901", "en--US", "en-US-", "e", "a12345678", "en_US", "12", ""];

describe("isLanguageTag (RFC 5646)", () => {
  for (const tag of wellFormed) it(`accepts ${tag}`, () => expect(isLanguageTag(tag)).to.equal(true));
  for (const tag of illFormed) it(`refuses ${JSON.stringify(tag)}`, () => expect(isLanguageTag(tag)).to.equal(false));
});
