import { expect } from "chai";
import { fillMessage, pluralPlaceholders } from "../../../player/domain/message-template.js";
import { pluralCategories, pluralForm } from "../../../player/domain/plural.js";
import { buildUiStrings, formatUiString, uiLanguages } from "../../../player/http/strings/ui-language.js";

const serbianPoints = ["bod", "boda", "bodova"];
const englishPoints = ["point", "points"];

describe("plural forms (CLDR rules through Intl.PluralRules)", () => {
  const table: [number, string, string][] = [
    [0, "bodova", "points"],
    [1, "bod", "point"],
    [2, "boda", "points"],
    [4, "boda", "points"],
    [5, "bodova", "points"],
    [11, "bodova", "points"],
    [12, "bodova", "points"],
    [14, "bodova", "points"],
    [21, "bod", "points"],
    [22, "boda", "points"],
    [25, "bodova", "points"],
    [101, "bod", "points"],
    [111, "bodova", "points"],
    // Decimals follow CLDR's sr rule on the fraction digits: f = 5 is "other".
    [1.5, "bodova", "points"],
    [2.5, "bodova", "points"],
    // … and f = 2 is "few", f = 1 "one".
    [2.2, "boda", "points"],
    [3.1, "bod", "points"],
  ];
  for (const [count, serbian, english] of table) {
    it(`${count}: ${serbian} / ${english}`, () => {
      expect(pluralForm("sr-Latn", count, serbianPoints)).to.equal(serbian);
      expect(pluralForm("sr-Cyrl", count, ["бод", "бода", "бодова"])).to.equal(latinToCyrillicPoints(serbian));
      expect(pluralForm("en", count, englishPoints)).to.equal(english);
    });
  }

  it("names the categories in CLDR order: sr one, few, other; en one, other", () => {
    expect(pluralCategories("sr-Latn")).to.deep.equal(["one", "few", "other"]);
    expect(pluralCategories("en")).to.deep.equal(["one", "other"]);
  });

  it("takes a numeric string as its number, and the last form for no number or forms that do not fit the language", () => {
    expect(pluralForm("sr-Latn", "21", serbianPoints)).to.equal("bod");
    expect(pluralForm("sr-Latn", "", serbianPoints)).to.equal("bodova");
    expect(pluralForm("sr-Latn", undefined, serbianPoints)).to.equal("bodova");
    expect(pluralForm("sr-Latn", 1, englishPoints)).to.equal("points");
  });

  it("fills a message: the number as given, the word agreeing with it, unknown placeholders left as written", () => {
    expect(fillMessage("Ukupno: {points} {points|bod|boda|bodova}", { points: 21 }, "sr-Latn")).to.equal("Ukupno: 21 bod");
    expect(fillMessage("Akreditovano: {points} {points|bod|boda|bodova} ({programme})", { points: 3, programme: "PRIDE" }, "sr-Latn")).to.equal("Akreditovano: 3 boda (PRIDE)");
    expect(fillMessage("Total: {points} {points|point|points}", { points: 2.5 }, "en")).to.equal("Total: 2.5 points");
    expect(fillMessage("{earned} {earned|point|points}, {missing}", { earned: 1 }, "en")).to.equal("1 point, {missing}");
  });
});

describe("UI strings with plural words", () => {
  const strings = buildUiStrings();

  it("give every count exactly one form per plural category of their language, in all three tables", () => {
    let checked = 0;
    for (const lang of uiLanguages) {
      for (const [key, template] of Object.entries(strings[lang])) {
        for (const { name, forms } of pluralPlaceholders(template)) {
          expect(forms, `${lang} ${key} {${name}|…}`).to.have.length(pluralCategories(lang).length);
          checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(10);
  });

  it("keep placeholder names in Latin in the Cyrillic table and transliterate the forms", () => {
    const cyrillic = strings["sr-Cyrl"];
    expect(cyrillic["myLearning.totalPoints"]).to.equal("Укупно: {points} {points|бод|бода|бодова}");
    expect(formatUiString(cyrillic["course.accredited"], { points: 22, programme: "ПРИДЕ" }, "sr-Cyrl")).to.equal("Акредитовано: 22 бода (ПРИДЕ)");
    expect(formatUiString(cyrillic["transcript.leave"], { days: 31 }, "sr-Cyrl")).to.equal("Умањено због одсуства (31 дан)");
    expect(formatUiString(strings.en["transcript.chartText"], { earned: 1, required: 1, percent: 100 }, "en")).to.equal("1 of 1 required point earned (100 %).");
    expect(formatUiString(strings["sr-Latn"]["transcript.chartText"], { earned: 4, required: 20, percent: 20 }, "sr-Latn")).to.equal("Stečeno: 4 boda; potrebno: 20 bodova (20 %).");
  });
});

function latinToCyrillicPoints(latin: string): string {
  return ({ bod: "бод", boda: "бода", bodova: "бодова" } as Record<string, string>)[latin]!;
}
