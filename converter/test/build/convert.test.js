"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { convert } = require("../../index");
const { makePng, tmpDir, unzipDocx, loadFixture, FIXTURES } = require("../helpers");

async function pack(structure) {
  const buf = await docx.Packer.toBuffer(buildDocument(structure));
  return unzipDocx(buf);
}

// All <w:p> elements of a part, in order.
function paragraphs(xml) {
  return xml.match(/<w:p\b[^>]*\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) || [];
}

function texts(p) {
  return [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

function numId(p) {
  const m = /<w:numId w:val="(\d+)"\/>/.exec(p);
  return m ? Number(m[1]) : null;
}

function paragraphWith(xml, text) {
  const p = paragraphs(xml).find((x) => texts(x).includes(text));
  assert.ok(p, `no paragraph with ${JSON.stringify(text)}`);
  return p;
}

test("headings use Heading1..6 styles, wrapped in bookmarks named by id", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  const ids = ["intro", "h-two", "h-three", "h-four", "h-five", "h-six"];
  ids.forEach((id, i) => {
    const p = paragraphWith(doc, ["Intro", "Two", "Three", "Four", "Five", "Six"][i]);
    assert.match(p, new RegExp(`<w:pStyle w:val="Heading${i + 1}"/>`));
    assert.match(p, new RegExp(`<w:bookmarkStart w:name="${id}" w:id="(\\d+)"/>[\\s\\S]*<w:bookmarkEnd w:id="\\1"/>`));
  });
  const styles = text("word/styles.xml");
  for (let i = 1; i <= 6; i++) {
    assert.match(styles, new RegExp(`w:styleId="Heading${i}"><w:name w:val="heading ${i}"/>`));
  }
  // internal link to the bookmark, external link with a relationship
  assert.match(doc, /<w:hyperlink w:history="1" w:anchor="intro">/);
  assert.match(text("word/_rels/document.xml.rels"), /Target="https:\/\/example.com\/x" TargetMode="External"/);
});

test("title page: title, author, date; document properties", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  assert.match(paragraphs(doc)[0], /<w:pStyle w:val="Title"\/>[\s\S]*Fixture doc/);
  assert.ok(paragraphs(doc).slice(0, 5).some((p) => texts(p) === "Jane Doe"), "author line");
  assert.ok(paragraphs(doc).slice(0, 5).some((p) => texts(p) === "2026-11-21"), "date from meta.created");
  const core = text("docProps/core.xml");
  assert.match(core, /<dc:creator>Jane Doe<\/dc:creator>/);
  assert.match(core, /<cp:lastModifiedBy>Jane Doe<\/cp:lastModifiedBy>/);
  assert.match(core, /<dc:title>Fixture doc<\/dc:title>/);
  assert.match(core, /<dc:description>All block types<\/dc:description>/);
  assert.doesNotMatch(core, /Un-named/);
});

test("a blank author: no author line, no creator (never a made-up name)", async () => {
  const s = loadFixture("all-blocks.json");
  s.meta.author = "  ";
  const packed = await pack(s);
  const core = packed.text("docProps/core.xml");
  assert.doesNotMatch(core, /dc:creator|cp:lastModifiedBy|Un-named|docgen/);
  const first = paragraphs(packed.text("word/document.xml")).slice(0, 5).map(texts);
  // the title, then the date: no author line between them (nor an empty one)
  assert.deepEqual(first.filter((t) => t.trim()).slice(0, 2), ["Fixture doc", "2026-11-21"]);
  assert.equal(first.indexOf("2026-11-21") - first.indexOf("Fixture doc"), 2, "title, spacer, date");
});

test("code: one SourceCode paragraph per line, spaces kept, tabs as <w:tab/>, blank lines kept", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  const code = paragraphs(doc).filter((p) => p.includes('<w:pStyle w:val="SourceCode"/>'));
  // 4 lines of code + 3 lines of html
  assert.equal(code.length, 7);
  assert.equal(texts(code[0]), "def f():");
  assert.match(code[1], /<w:t xml:space="preserve">    return 1<\/w:t>/);
  assert.equal(texts(code[2]), "", "blank line is an empty paragraph");
  assert.match(code[3], /<w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)?<w:tab\/><w:t xml:space="preserve">x<\/w:t><w:tab\/><w:t xml:space="preserve">= 2<\/w:t><\/w:r>/);
  assert.match(text("word/styles.xml"), /w:styleId="SourceCode">[\s\S]*?<w:tabs><w:tab w:val="left" w:pos="792"\/>/, "tab stops every 8 columns");
  assert.match(code[0], /<w:spacing w:before="\d+"\/>/);
  assert.match(code[3], /<w:spacing w:after="\d+"\/>/);
  assert.equal(texts(code[5]), "  raw", "html is preformatted too");
  const styles = text("word/styles.xml");
  assert.match(styles, /w:styleId="SourceCode"><w:name w:val="Source Code"\/>[\s\S]*?Consolas/);
});

test("every ordered list restarts; start=3 starts at 3; nested lists use deeper levels", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  const numbering = text("word/numbering.xml");
  const a = numId(paragraphWith(doc, "first-A"));
  const b = numId(paragraphWith(doc, "first-B"));
  const second = numId(paragraphWith(doc, "second-A"));
  const third = numId(paragraphWith(doc, "third-C"));
  assert.ok(a && second && third);
  assert.equal(a, b, "items of one list share a numId");
  assert.notEqual(a, second, "the second list restarts");
  assert.notEqual(second, third);
  for (const id of [a, second]) {
    assert.match(numbering, new RegExp(`<w:num w:numId="${id}">[\\s\\S]*?<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`));
  }
  assert.match(numbering, new RegExp(`<w:num w:numId="${third}">[\\s\\S]*?<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>`));
  assert.match(numbering, /<w:lvl w:ilvl="0"[^>]*><w:start w:val="3"\/><w:numFmt w:val="decimal"\/>/);
  assert.match(numbering, /<w:numFmt w:val="lowerLetter"\/>/);
  assert.match(numbering, /<w:numFmt w:val="lowerRoman"\/>/);
  assert.match(numbering, /<w:numFmt w:val="bullet"\/><w:lvlText w:val="\u2022"\/>/);
  // nested bullet at level 1, continuation paragraph with numbering off (numId 0: no
  // number, still the item's) and indented as the item
  assert.match(paragraphWith(doc, "nested-bullet"), /<w:ilvl w:val="1"\/>/);
  const cont = paragraphWith(doc, "first-B continued");
  assert.equal(numId(cont), 0);
  assert.match(cont, /<w:ind w:left="360"\/>/);
  assert.match(paragraphWith(doc, "bullet-A"), /<w:ilvl w:val="0"\/>/);
});

test("table: repeated header row, fixed layout, explicit widths summing to 9360, alignment, padded rows", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  const tbl = doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)[0];
  assert.match(tbl, /<w:tblHeader\/>/);
  assert.match(tbl, /<w:tblLayout w:type="fixed"\/>/);
  assert.match(tbl, /<w:tblW w:type="dxa" w:w="9360"\/>/);
  const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.equal(grid.length, 3);
  assert.equal(grid.reduce((x, y) => x + y, 0), 9360);
  const rows = tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g);
  assert.equal(rows.length, 3);
  for (const row of rows) {
    const widths = [...row.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.deepEqual(widths, grid, "every cell has its column's width in dxa (short rows padded)");
  }
  assert.match(rows[0], /<w:shd w:fill="[0-9A-F]{6}"/);
  assert.match(rows[0], /<w:b\/>/);
  assert.match(rows[1], /<w:jc w:val="center"\/>[\s\S]*?>ok</);
  assert.match(rows[1], /<w:hyperlink/);
});

test("column widths: proportional, with minimums, exact sum", () => {
  const { columnWidths } = require("../../build/tables");
  const { theme } = require("../../theme");
  const cell = (s) => [{ text: s }];
  const w = columnWidths([[cell("a")], [cell("x".repeat(200))], [cell("Status")]], 9360, theme.table);
  assert.equal(w.reduce((a, b) => a + b, 0), 9360);
  assert.ok(w[0] >= theme.table.minColumnWidth);
  assert.ok(w[2] >= 6 * theme.table.charWidth, "wide enough for its longest word");
  assert.ok(w[1] > w[0] && w[1] > w[2]);
  const many = columnWidths(Array.from({ length: 20 }, () => [cell("word")]), 9360, theme.table);
  assert.equal(many.reduce((a, b) => a + b, 0), 9360);
});

test("quote, rule and missing image placeholder", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  const doc = text("word/document.xml");
  const q = paragraphWith(doc, "quoted");
  assert.match(q, /<w:pStyle w:val="Quote"\/>/);
  assert.match(q, /<w:ind w:left="360"\/>/);
  assert.match(paragraphWith(doc, "nested quoted"), /<w:ind w:left="720"\/>/);
  assert.match(text("word/styles.xml"), /w:styleId="Quote">[\s\S]*?<w:left w:val="single"[\s\S]*?<w:i\/>/);
  assert.ok(paragraphs(doc).some((p) => /<w:pBdr><w:bottom w:val="single"/.test(p) && texts(p) === ""), "rule");
  const ph = paragraphWith(doc, "[Missing image: img/arch.png \u2014 Architecture]");
  assert.match(ph, /<w:jc w:val="center"\/>/);
  assert.match(ph, /<w:i\/>/);
});

test("characters XML cannot hold become control pictures", async () => {
  const { text } = await pack(loadFixture("all-blocks.json"));
  assert.match(text("word/document.xml"), /FF:\u240C\./);
  const { cleanText } = require("../../text");
  assert.equal(cleanText("a\u0000b\u0008c\u000Bd\u001Fe\tf\ng"), "a\u2400b\u2408c\u240Bd\u241Fe\tf\ng");
});

test("images: embedded, scaled to the text width keeping the ratio, never upscaled; failures become placeholders", async () => {
  const dir = tmpDir();
  const wide = path.join(dir, "wide.png");
  const small = path.join(dir, "small.png");
  fs.writeFileSync(wide, makePng(1248, 300));
  fs.writeFileSync(small, makePng(40, 20));
  const s = loadFixture("all-blocks.json");
  s.blocks.push(
    { type: "paragraph", runs: [{ image: { path: wide, width: 1248, height: 300, alt: "wide one" } }] },
    { type: "paragraph", runs: [{ text: "inline " }, { image: { path: small, width: 40, height: 20, alt: "" } }] },
    { type: "paragraph", runs: [{ image: { path: path.join(dir, "nope.png"), width: 5, height: 5, alt: "gone" } }] },
    { type: "paragraph", runs: [{ image: { path: path.join(dir, "d.svg"), width: 5, height: 5, alt: "" } }] },
  );
  const { files, text } = await pack(s);
  const media = Object.keys(files).filter((f) => f.startsWith("word/media/"));
  assert.equal(media.length, 2);
  assert.ok(media.every((f) => f.endsWith(".png")));
  const doc = text("word/document.xml");
  const extents = [...doc.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(extents.length, 2);
  for (const [cx] of extents) assert.ok(cx <= 5943600, `cx ${cx} within 6.5 in`);
  assert.deepEqual(extents[0], [624 * 9525, 150 * 9525], "1248x300 scaled by 1/2");
  assert.deepEqual(extents[1], [40 * 9525, 20 * 9525], "small image not upscaled");
  assert.match(doc, /descr="wide one"/);
  assert.match(paragraphWith(doc, "inline"), /<w:drawing>/);
  assert.ok(paragraphs(doc).some((p) => /<w:drawing>/.test(p) && /<w:jc w:val="center"\/>/.test(p)), "image-only paragraph centred");
  assert.ok(doc.includes("[Missing image: nope.png \u2014 gone]"));
  assert.ok(doc.includes("[Missing image: d.svg]"));
  const { fitImage } = require("../../build/runs");
  assert.deepEqual(fitImage(300, 2000, 624, 816), { width: 122, height: 816 });
});

test("convert() writes the file atomically", async () => {
  const dir = tmpDir();
  const out = path.join(dir, "out.docx");
  await convert(path.join(FIXTURES, "all-blocks.json"), out);
  assert.ok(fs.statSync(out).size > 1000);
  assert.deepEqual(fs.readdirSync(dir), ["out.docx"]);
  assert.ok(unzipDocx(fs.readFileSync(out)).text("word/document.xml").includes("Intro"));
});
