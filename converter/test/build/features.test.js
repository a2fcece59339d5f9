"use strict";
// Assertion tests for the additions of the JSON contract (docs/json-contract.md,
// "Additions"): specific properties of the output, where the golden tests pin whole files.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { makePng, makeGif, makeBmp, makeJpeg, tmpDir, unzipDocx } = require("../helpers");

async function pack(structure, options) {
  return unzipDocx(await docx.Packer.toBuffer(buildDocument(structure, options)));
}

const T = (text, o = {}) => ({ text, ...o });
const P = (...runs) => ({ type: "paragraph", runs });
const H = (level, id, text) => ({ type: "heading", level, id, runs: [T(text)] });
const item = (text, extra = {}, nested) => ({ ...extra, blocks: [P(T(text)), ...(nested ? [nested] : [])] });
const doc = (blocks, meta = {}, extra = {}) => ({
  schema: 1,
  meta: { title: "T", author: "A", created: "2026-11-21T23:50:00Z", ...meta },
  blocks,
  ...extra,
});

function paragraphs(xml) {
  return xml.match(/<w:p\b[^>]*\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) || [];
}
function texts(p) {
  return [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}
function paragraphWith(xml, text) {
  const p = paragraphs(xml).find((x) => texts(x).includes(text));
  assert.ok(p, `no paragraph with ${JSON.stringify(text)}`);
  return p;
}
function sectPrs(xml) {
  return xml.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g) || [];
}

const TOC_DOC = doc(
  [
    H(1, "one", "Chapter one"),
    P(T("text")),
    H(2, "1 two", "Section two"),
    H(3, "three", "Sub three"),
    H(4, "four", "Level four"),
    { type: "quote", blocks: [H(2, "quoted", "Quoted heading")] },
  ],
  { toc: true },
);

test("toc: a Contents title and a TOC field whose result lists the headings of level 1-3", async () => {
  const { text } = await pack(TOC_DOC);
  const xml = text("word/document.xml");
  const contents = paragraphWith(xml, "Contents");
  assert.match(contents, /<w:pStyle w:val="TOCHeading"\/>/);
  assert.match(contents, /<w:pageBreakBefore\/>/);
  const sdt = xml.match(/<w:sdt>[\s\S]*?<\/w:sdt>/)[0];
  const instr = /<w:instrText[^>]*>(TOC [^<]*)<\/w:instrText>/.exec(sdt)[1].replace(/&quot;/g, '"');
  for (const sw of ['\\o "1-3"', "\\h", "\\z", "\\u"]) assert.ok(instr.includes(sw), `${instr} has ${sw}`);
  const entries = paragraphs(sdt).filter((p) => /TOC\d/.test(p));
  assert.deepEqual(entries.map((p) => texts(p).replace(/\d+$/, "")), ["Chapter one", "Section two", "Sub three", "Quoted heading"]);
  assert.deepEqual(entries.map((p) => /w:val="(TOC\d)"/.exec(p)[1]), ["TOC1", "TOC2", "TOC3", "TOC2"]);
  const body = xml.slice(xml.indexOf("</w:sdt>"));
  for (const [i, e] of entries.entries()) {
    const anchor = /<w:hyperlink [^>]*w:anchor="([^"]+)"/.exec(e)[1];
    assert.match(e, new RegExp(`PAGEREF ${anchor} \\\\h`));
    assert.match(e, /<w:tab w:val="right" w:pos="9360" w:leader="dot"\/>/);
    assert.match(texts(e), /\d$/, "a page number in the cached result");
    // the bookmark is on the heading the entry names
    const heading = paragraphWith(body, ["Chapter one", "Section two", "Sub three", "Quoted heading"][i]);
    assert.match(heading, new RegExp(`<w:bookmarkStart w:name="${anchor}"`));
  }
  // the pages: title page 1, contents 2, body from 3
  assert.equal(texts(entries[0]), "Chapter one3");
  assert.doesNotMatch(sdt, /w:dirty="true"/, "page numbers written: the field is clean");
  const styles = text("word/styles.xml");
  assert.match(styles, /w:styleId="TOC2"><w:name w:val="toc 2"\/>[\s\S]*?<w:ind w:left="240"\/>/);
  assert.match(styles, /w:styleId="TOC3"><w:name w:val="toc 3"\/>[\s\S]*?<w:ind w:left="480"\/>/);
  assert.doesNotMatch(text("word/settings.xml"), /updateFields/);
});

test("toc: without the page-number estimator the entries are there, the numbers blank, the field dirty", async () => {
  const { text } = await pack(TOC_DOC, { pageNumbers: false });
  const sdt = text("word/document.xml").match(/<w:sdt>[\s\S]*?<\/w:sdt>/)[0];
  assert.match(sdt, /<w:fldChar w:fldCharType="begin" w:dirty="true"\/>/);
  assert.equal(texts(paragraphs(sdt)[0]), "Chapter one");
});

test("toc: none without meta.toc, or without a heading of level 1-3", async () => {
  for (const d of [{ ...TOC_DOC, meta: { ...TOC_DOC.meta, toc: false } }, doc([H(4, "x", "Deep"), P(T("t"))], { toc: true })]) {
    const xml = (await pack(d)).text("word/document.xml");
    assert.doesNotMatch(xml, /<w:sdt>|TOCHeading/);
  }
});

test("title page: its own section with a different first page (no header/footer); the body on a new page", async () => {
  const { text, files } = await pack(doc([P(T("body"))], { subtitle: "Sub", date: "21 November 2026" }));
  const xml = text("word/document.xml");
  const [first, body] = sectPrs(xml);
  assert.match(first, /<w:titlePg\/>/);
  const firstHeader = /<w:headerReference w:type="first" r:id="([^"]+)"\/>/.exec(first)[1];
  const rels = text("word/_rels/document.xml.rels");
  const target = new RegExp(`Id="${firstHeader}"[^>]*Target="([^"]+)"`).exec(rels)[1];
  assert.equal(texts(text(`word/${target}`)), "", "the first-page header is empty");
  assert.match(body, /<w:type w:val="nextPage"\/>/);
  assert.doesNotMatch(body, /<w:titlePg\/>/);
  const ps = paragraphs(xml);
  assert.equal(texts(ps[0]), "T");
  assert.match(ps[1], /Subtitle/);
  assert.equal(texts(ps[1]), "Sub");
  assert.ok(ps.some((p) => texts(p) === "21 November 2026"), "meta.date wins over meta.created");
  assert.ok(!ps.some((p) => texts(p) === "2026-11-21"));
  assert.ok(Object.keys(files).includes("word/footer1.xml"));
});

test("lists: nine levels, deeper ones clamped; task items show boxes", async () => {
  const deep = (ordered, d) => ({ type: "list", ordered, items: [item(`${ordered ? "n" : "b"}${d}`, {}, d < 10 ? deep(ordered, d + 1) : null)] });
  const { text } = await pack(
    doc([
      deep(false, 1),
      deep(true, 1),
      { type: "list", ordered: false, items: [item("all done", { checked: true }), item("all open", { checked: false })] },
      { type: "list", ordered: false, items: [item("mixed bullet"), item("mixed task", { checked: false })] },
      { type: "list", ordered: true, items: [item("numbered task", { checked: true })] },
    ]),
  );
  const xml = text("word/document.xml");
  for (let d = 1; d <= 9; d++) {
    assert.match(paragraphWith(xml, `b${d}`), new RegExp(`<w:ilvl w:val="${d - 1}"/>`));
    assert.match(paragraphWith(xml, `n${d}`), new RegExp(`<w:ilvl w:val="${d - 1}"/>`));
  }
  assert.match(paragraphWith(xml, "b10"), /<w:ilvl w:val="8"\/>[\s\S]*<w:ind w:left="3600" w:hanging="360"\/>/);
  const numbering = text("word/numbering.xml");
  assert.match(numbering, /<w:lvl w:ilvl="8"/);
  const done = paragraphWith(xml, "all done");
  assert.equal(texts(done), "\u2612all done");
  assert.doesNotMatch(done, /<w:numPr>/, "no bullet for a task item");
  assert.match(done, /<w:ind w:left="360" w:hanging="360"\/>/);
  assert.match(done, /\u2612<\/w:t><\/w:r><w:r><w:tab\/><\/w:r>/);
  assert.equal(texts(paragraphWith(xml, "all open")), "\u2610all open");
  assert.match(paragraphWith(xml, "mixed bullet"), /<w:numPr>/);
  assert.doesNotMatch(paragraphWith(xml, "mixed task"), /<w:numPr>/);
  const numbered = paragraphWith(xml, "numbered task");
  assert.match(numbered, /<w:numPr>/, "a numbered task keeps its number");
  assert.equal(texts(numbered), "\u2612 numbered task");
});

test("tables: 7+ columns small font and tight margins; 12+ columns a landscape section; caption above", async () => {
  const table = (n, caption) => ({
    type: "table",
    ...(caption ? { caption } : {}),
    align: new Array(n).fill(null),
    header: Array.from({ length: n }, (_, i) => [T(`h${n}-${i}`)]),
    rows: [Array.from({ length: n }, (_, i) => [T(`c${i}`)])],
  });
  const { text } = await pack(doc([table(6), P(T("mid")), table(7, "Seven"), P(T("mid2")), table(12, "Twelve"), P(T("after"))]));
  const xml = text("word/document.xml");
  const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g);
  assert.equal(tables.length, 3);
  assert.match(tables[0], /<w:pStyle w:val="TableText"\/>/);
  assert.match(tables[0], /<w:left w:type="dxa" w:w="100"\/>/);
  assert.match(tables[1], /<w:pStyle w:val="TableTextSmall"\/>/);
  assert.match(tables[1], /<w:left w:type="dxa" w:w="60"\/>/);
  assert.match(tables[1], /<w:tblW w:type="dxa" w:w="9360"\/>/);
  assert.match(text("word/styles.xml"), /w:styleId="TableTextSmall">[\s\S]*?<w:sz w:val="16"\/>/);
  assert.match(tables[2], /<w:tblW w:type="dxa" w:w="12960"\/>/, "landscape text width 15840 - 2 * 1440");
  const grid = [...tables[2].matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].reduce((s, m) => s + Number(m[1]), 0);
  assert.equal(grid, 12960);
  // caption paragraphs directly before their tables, kept with them
  const before = (tbl) => paragraphs(xml.slice(0, xml.indexOf(tbl))).pop();
  assert.equal(texts(before(tables[1])), "Seven");
  assert.match(before(tables[1]), /<w:pStyle w:val="Caption"\/>[\s\S]*<w:keepNext\/>/);
  // sections: title | portrait (up to mid2) | landscape (the 12-column table) | portrait
  const secs = sectPrs(xml);
  assert.equal(secs.length, 4);
  assert.match(secs[1], /<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"\/>/);
  assert.match(secs[2], /<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"\/>/);
  assert.match(secs[3], /<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"\/>/);
  // a section's sectPr sits in its last paragraph: the landscape section is what follows
  // the paragraph holding the previous one
  const landscape = xml.slice(xml.indexOf("</w:p>", xml.indexOf(secs[1])), xml.indexOf(secs[2]));
  assert.ok(landscape.includes("Twelve") && landscape.includes("h12-0") && !landscape.includes("mid2"));
  assert.ok(xml.slice(xml.indexOf(secs[2])).includes("after"));
});

test("code lines: coloured runs, tabs as <w:tab/>, leading spaces kept; logs get the LogOutput style", async () => {
  const { text } = await pack(
    doc([
      {
        type: "code",
        language: "python",
        text: "\tdef x:\n    y\r",
        lines: [[T("\t"), T("def", { color: "0000ff", bold: true }), T(" x:")], [T("    "), T("y\r", { italic: true })]],
      },
      { type: "code", language: "log", text: "E boom", lines: [[T("E boom", { color: "B91C1C" })]] },
      P(T("red", { color: "C00000" })),
    ]),
  );
  const xml = text("word/document.xml");
  const code = paragraphs(xml).filter((p) => /SourceCode|LogOutput/.test(p));
  assert.equal(code.length, 3);
  assert.match(code[0], /<w:r><w:tab\/><\/w:r><w:r><w:rPr><w:b\/><w:bCs\/><w:color w:val="0000FF"\/><\/w:rPr><w:t xml:space="preserve">def<\/w:t><\/w:r>/);
  assert.match(code[1], /<w:t xml:space="preserve">    <\/w:t>/);
  assert.equal(texts(code[1]), "    y", "the carriage return at the end of a line is dropped");
  assert.match(code[2], /<w:pStyle w:val="LogOutput"\/>[\s\S]*<w:color w:val="B91C1C"\/>/);
  assert.match(paragraphWith(xml, "red"), /<w:color w:val="C00000"\/>/);
  assert.match(text("word/styles.xml"), /w:styleId="LogOutput">[\s\S]*?<w:basedOn w:val="SourceCode"\/>[\s\S]*?<w:left w:val="single" w:color="6B7280" w:sz="18"/);
});

test("images: JPEG, GIF, BMP embedded; SVG with fallback; captions numbered Figure N", async () => {
  const dir = tmpDir();
  const f = (name, data) => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };
  const img = (p, w, h, extra = {}) => P({ image: { path: p, width: w, height: h, alt: "", ...extra } });
  const { files, text } = await pack(
    doc([
      img(f("a.jpg", makeJpeg(16, 16)), 16, 16, { caption: "first" }),
      img(f("b.gif", makeGif(16, 8)), 16, 8),
      img(f("c.bmp", makeBmp(8, 8)), 8, 8, { caption: "third" }),
      img(f("d.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"), 10, 10, {
        fallback: f("d.png", makePng(10, 10)),
        caption: "vector",
      }),
      img(path.join(dir, "e.svg"), 10, 10, { fallback: path.join(dir, "missing.png") }),
    ]),
  );
  const media = Object.keys(files).filter((n) => n.startsWith("word/media/")).map((n) => path.extname(n)).sort();
  assert.deepEqual(media, [".bmp", ".gif", ".jpg", ".png", ".svg"]);
  const xml = text("word/document.xml");
  assert.match(xml, /<asvg:svgBlip [^>]*r:embed="[^"]+"\/>/);
  const captions = paragraphs(xml).filter((p) => /<w:pStyle w:val="Caption"\/>/.test(p));
  assert.deepEqual(captions.map(texts), ["Figure 1: first", "Figure 2: third", "Figure 3: vector"]);
  assert.match(captions[0], /<w:jc w:val="center"\/>/);
  assert.match(captions[0], /<w:fldSimple w:instr="SEQ Figure \\\* ARABIC">/);
  const pic = paragraphs(xml).find((p) => /<w:drawing>/.test(p));
  assert.match(pic, /<w:keepNext\/>/, "a picture stays with its caption");
  assert.ok(xml.includes("[Missing image: e.svg]"));
});

test("footnotes: numbered by first reference; repeats and unknown ids do not crash", async () => {
  const { text } = await pack(
    doc([P(T("x"), { footnote: "second" }, T("y"), { footnote: "first" }, T("z"), { footnote: "second" }, { footnote: "nope" })], {}, {
      footnotes: [
        { id: "first", blocks: [P(T("Body of first"), { footnote: "second" })] },
        { id: "second", blocks: [{ type: "list", ordered: false, items: [item("li")] }, { type: "code", language: null, text: "c1\nc2" }] },
      ],
    }),
  );
  const xml = text("word/document.xml");
  const refs = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
  assert.deepEqual(refs, ["1", "2"]);
  assert.ok(texts(xml).includes("z1[^nope]"), "repeat shows the same number; unknown id as literal text");
  const notes = text("word/footnotes.xml");
  const note = (id) => notes.match(new RegExp(`<w:footnote w:id="${id}">[\\s\\S]*?</w:footnote>`))[0];
  assert.equal(paragraphs(note(1)).map(texts).join("|"), " \u2022 li|c1|c2");
  assert.equal(texts(note(2)), " Body of first[^second]", "no footnote inside a footnote");
  assert.match(note(1), /<w:pStyle w:val="FootnoteText"\/>/);
});

test("theme: meta.theme is merged over the default theme", async () => {
  const { text } = await pack(
    doc([{ type: "code", language: null, text: "x" }, H(1, "h", "H")], {
      theme: { body: { font: "Georgia", size: 24 }, code: { shading: "FFF8E1" }, headings: [{ color: "7F1D1D" }] },
    }),
  );
  const styles = text("word/styles.xml");
  assert.match(styles, /<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia"[^>]*\/><w:color w:val="1F2937"\/><w:sz w:val="24"\/>/);
  assert.match(styles, /w:styleId="SourceCode">[\s\S]*?<w:shd [^>]*w:fill="FFF8E1"/);
  assert.match(styles, /w:styleId="Heading1">[\s\S]*?<w:color w:val="7F1D1D"\/>/);
  assert.match(styles, /w:styleId="Heading2">[\s\S]*?<w:color w:val="2F5496"\/>/, "other headings keep the default");
});
