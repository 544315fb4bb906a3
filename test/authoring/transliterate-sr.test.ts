// The Serbian Latin → Cyrillic transliterator, table-driven: letters, digraphs and their
// exceptions, dj, foreign words, protected spans, the author's escapes, Markdown and WebVTT.
import { expect } from "chai";
import { latinToCyrillic, markdownToCyrillic, stripEscapes, stripMarkdownEscapes, stripVttEscapes, vttToCyrillic } from "../../authoring/text/transliterate-sr.js";

const plain: [string, string, string][] = [
  // [why, Latin, Cyrillic]
  ["every single letter", "a b c č ć d đ e f g h i j k l m n o p r s š t u v z ž", "а б ц ч ћ д ђ е ф г х и ј к л м н о п р с ш т у в з ж"],
  ["capitals", "A B C Č Ć D Đ E F G H I J K L M N O P R S Š T U V Z Ž", "А Б Ц Ч Ћ Д Ђ Е Ф Г Х И Ј К Л М Н О П Р С Ш Т У В З Ж"],
  ["a sentence with punctuation kept", "Dobro došli, dete! Šta je „PRIDE“?", "Добро дошли, дете! Шта је „ПРИДЕ“?"],
  ["lj, nj, dž are one letter", "ljubav njuška džep", "љубав њушка џеп"],
  ["capitalised digraphs", "Ljubav Njegoš Džep", "Љубав Његош Џеп"],
  ["upper-case digraphs", "LJUBAV NJEGOŠ DŽEP", "ЉУБАВ ЊЕГОШ ЏЕП"],
  ["digraphs inside words", "hraniteljstvo roditelji kažnjavanje udžbenik", "хранитељство родитељи кажњавање уџбеник"],
  ["injekcija: n and j are two letters", "injekcija", "инјекција"],
  ["injekcije, an inflection", "Injekcije su bolne", "Инјекције су болне"],
  ["konjunkcija", "konjunkcija", "конјункција"],
  ["konjugacija", "konjugacija glagola", "конјугација глагола"],
  ["Tanjug", "Tanjug javlja", "Танјуг јавља"],
  ["vanjezički", "vanjezički", "ванјезички"],
  ["nadživeti: d and ž are two letters", "nadživeti", "надживети"],
  ["odžaliti", "odžaliti", "оджалити"],
  ["podžanr", "podžanr", "поджанр"],
  ["podžupan in capitals", "PODŽUPAN", "ПОДЖУПАН"],
  ["an exception next to ordinary digraphs", "Njena injekcija", "Њена инјекција"],
  ["a negated exception", "neinjekcioni", "неинјекциони"],
  ["đ is the letter", "Đorđe međutim", "Ђорђе међутим"],
  ["legacy dj means đ", "Djordje medjutim rodjen", "Ђорђе међутим рођен"],
  ["Ijekavian dj is d + j", "djeca gdje vidjeti djevojka", "дјеца гдје видјети дјевојка"],
  ["prefix od + j", "odjaviti odjek podjednako nadjačati", "одјавити одјек подједнако надјачати"],
  ["Ijekavian capitals", "Djeca", "Дјеца"],
  ["the author splits a digraph", "nad{|}živeti kon{|}jukt", "надживети конјукт"],
  ["the author keeps a word", "{=PRIDE=} program", "PRIDE програм"],
  ["the author keeps a phrase", "{=Child Welfare League=} i mi", "Child Welfare League и ми"],
  ["foreign letters q, w, x, y stay", "Wi-Fi Xbox Yahoo quiz", "Wi-Fi Xbox Yahoo quiz"],
  ["English spellings stay", "Child Welfare the feedback", "Child Welfare the feedback"],
  ["foreign-looking Serbian words are Serbian", "prethodni shvatiti pothranjenost oddaljen shodno", "претходни схватити потхрањеност оддаљен сходно"],
  ["Serbian loanwords with oo", "koordinacija kooperacija", "координација кооперација"],
  ["words with digits stay", "mp3 H2O B12 COVID-19", "mp3 H2O B12 COVID-19"],
  ["Roman numerals stay", "XXI vek, II deo, IV razred", "XXI век, II део, IV разред"],
  ["a single capital I is the conjunction", "I porodica odlučuje", "И породица одлучује"],
  ["URLs stay", "Vidi https://obuka.rs/kursevi?id=1 i www.rzsz.gov.rs.", "Види https://obuka.rs/kursevi?id=1 и www.rzsz.gov.rs."],
  ["e-mail addresses stay", "Pišite na podrska@obuka.rs danas", "Пишите на podrska@obuka.rs данас"],
  ["file names and domains stay", "Otvorite uvod.webm ili obuka.rs", "Отворите uvod.webm или obuka.rs"],
  ["Cyrillic stays Cyrillic", "Српски (ћирилица)", "Српски (ћирилица)"],
  ["Unicode digraph ligatures", "ǈubav ǋegoš ǅep", "Љубав Његош Џеп"],
  ["decomposed diacritics", "c\u030Cas s\u030Ckola", "час школа"],
  ["numbers and symbols unchanged", "3 sata, 50% i 0,8", "3 сата, 50% и 0,8"],
];

describe("authoring: Serbian transliteration (sr-Latn → sr-Cyrl)", () => {
  for (const [why, latin, cyrillic] of plain) {
    it(`${why}: ${latin}`, () => {
      expect(latinToCyrillic(latin)).to.equal(cyrillic);
    });
  }

  it("keeps the course's keepLatin words and phrases, across line breaks, at word boundaries only", () => {
    const keepLatin = ["PRIDE", "Child Welfare League of America"];
    expect(latinToCyrillic("PRIDE program, PRIDEA ne", { keepLatin })).to.equal("PRIDE програм, ПРИДЕА не");
    expect(latinToCyrillic("Savez (Child Welfare\nLeague of America) je", { keepLatin })).to.equal("Савез (Child Welfare\nLeague of America) је");
  });

  it("strips the escapes from text shown in Latin", () => {
    expect(stripEscapes("{=PRIDE=} nad{|}živeti")).to.equal("PRIDE nadživeti");
  });

  const markdown: [string, string, string][] = [
    ["headings and emphasis", "## Šta je PRIDE\n\n**Timski rad** i *dete*", "## Шта је ПРИДЕ\n\n**Тимски рад** и *дете*"],
    ["a link keeps its target", "Vidi [zakon o socijalnoj zaštiti](https://example.rs/zakon-o-zastiti) danas", "Види [закон о социјалној заштити](https://example.rs/zakon-o-zastiti) данас"],
    ["an image keeps its file, its alt text is translated", "![Dete i hranitelj](../media/slika-deteta.png)", "![Дете и хранитељ](../media/slika-deteta.png)"],
    ["a link with a title", '[uvod](uvod.md "naslov")', '[увод](uvod.md "naslov")'],
    ["inline code stays", "Pokrenite `obuka build kurs` sada", "Покрените `obuka build kurs` сада"],
    ["fenced code stays", "Primer:\n\n```yaml\ntitle: Uvod\n```\n\nKraj", "Пример:\n\n```yaml\ntitle: Uvod\n```\n\nКрај"],
    ["autolinks stay", "Pišite <mailto:info@obuka.rs> ili <https://obuka.rs/a>", "Пишите <mailto:info@obuka.rs> или <https://obuka.rs/a>"],
    ["reference definitions and labels stay", "Vidi [zakon][zakon-ref].\n\n[zakon-ref]: https://example.rs/zakon", "Види [закон][zakon-ref].\n\n[zakon-ref]: https://example.rs/zakon"],
    ["entities stay", "Dete&nbsp;i&amp;roditelj", "Дете&nbsp;и&amp;родитељ"],
    ["lists and numbers", "1. **Zaštita** dece\n2. Rad u timu", "1. **Заштита** деце\n2. Рад у тиму"],
    ["the author's escape in Markdown", "{=PRIDE=} (engl. *{=Parent Resources for Information=}*)", "PRIDE (енгл. *Parent Resources for Information*)"],
  ];
  for (const [why, source, expected] of markdown) {
    it(`Markdown: ${why}`, () => {
      expect(markdownToCyrillic(source)).to.equal(expected);
    });
  }

  it("strips Markdown escapes outside code only", () => {
    expect(stripMarkdownEscapes("{=PRIDE=} and `{=code=}`")).to.equal("PRIDE and `{=code=}`");
  });

  it("WebVTT: cue text only; header, ids, timings, NOTE blocks and tags are kept", () => {
    const vtt = "WEBVTT - Uvod\n\nNOTE napomena za autora\n\nuvod-1\n00:00:00.000 --> 00:00:02.400 align:start\n<v Trener>Dobro došli</v> u {=PRIDE=} obuku.\n\n00:00:02.400 --> 00:00:05.000\nDevet susreta,\npet oblasti &amp; ljubav\n";
    expect(vttToCyrillic(vtt)).to.equal(
      "WEBVTT - Uvod\n\nNOTE napomena za autora\n\nuvod-1\n00:00:00.000 --> 00:00:02.400 align:start\n<v Trener>Добро дошли</v> у PRIDE обуку.\n\n00:00:02.400 --> 00:00:05.000\nДевет сусрета,\nпет области &amp; љубав\n",
    );
    expect(stripVttEscapes(vtt)).to.contain("u PRIDE obuku.").and.to.contain("uvod-1\n00:00:00.000");
  });

  it("keeps CRLF line endings of WebVTT files", () => {
    expect(vttToCyrillic("WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nDete\r\n")).to.equal("WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nДете\r\n");
  });
});
