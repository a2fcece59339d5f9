"use strict";
// meta.lang, meta.labels and a block's lang (./build/language.js): read back from the XML.
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { assertValidStructure: assertValid } = require("../../contract/validate");
const { unzipDocx } = require("../helpers");

async function pack(structure, options) {
  return unzipDocx(await docx.Packer.toBuffer(buildDocument(structure, options)));
}

const T = (text, o = {}) => ({ text, ...o });
const P = (...runs) => ({ type: "paragraph", runs });
const H = (level, id, text) => ({ type: "heading", level, id, runs: [T(text)] });
const GERMAN = { contents: "Inhalt", figure: "Abbildung", page: "Seite {page} von {pages}", missing_image: "Fehlendes Bild" };
const doc = (blocks, meta = {}) => ({ schema: 1, meta: { title: "T", author: "A", created: "2026-11-21T23:50:00Z", ...meta }, blocks });

function runsWith(xml, text) {
  return (xml.match(/<w:r>[\s\S]*?<\/w:r>/g) || []).filter((r) => r.includes(text));
}

test("the labels and the default language of a German document", async () => {
  const blocks = [H(1, "a", "Eins"), H(2, "b", "Zwei"), H(2, "c", "Drei"), H(1, "d", "Vier"), P({ missing_image: { ref: "x.png" } })];
  const structure = doc(blocks, { lang: "de-DE", labels: GERMAN, toc: true });
  assertValid(structure);
  const { files, text } = await pack(structure, { pageNumbers: false });
  const body = text("word/document.xml");
  assert.match(body, />Inhalt</);
  assert.match(body, /\[Fehlendes Bild: x\.png\]/);
  const footer = Object.keys(files)
    .filter((n) => /^word\/footer\d+\.xml$/.test(n))
    .map(text)
    .join("");
  assert.match(footer, /Seite /);
  assert.match(footer, / von /);
  assert.match(text("word/styles.xml"), /<w:rPrDefault><w:rPr>[\s\S]*<w:lang w:val="de-DE" w:eastAsia="de-DE" w:bidi="ar-SA"\/>/);
});

test("a --style title beats the language's", async () => {
  const structure = doc([H(1, "a", "A"), H(1, "b", "B"), H(1, "c", "C"), H(1, "d", "D")], { labels: GERMAN, toc: true, theme: { toc: { title: "Übersicht" } } });
  const body = (await pack(structure, { pageNumbers: false })).text("word/document.xml");
  assert.match(body, />Übersicht</);
  assert.doesNotMatch(body, />Inhalt</);
});

test("a chapter in Japanese: its runs carry ja-JP and the East Asian font; the others nothing", async () => {
  const blocks = [
    H(1, "en", "English"),
    P(T("Plain English text.")),
    { ...H(1, "ja", "日本語"), lang: "ja-JP" },
    { ...P(T("日本語の本文。"), T("code", { code: true })), lang: "ja-JP" },
    { type: "list", ordered: false, items: [{ blocks: [P(T("項目"))] }], lang: "ja-JP" },
    { ...P(T("中文正文")), lang: "zh-TW" },
    { ...P(T("Deutscher Text")), lang: "de-DE" },
  ];
  const structure = doc(blocks);
  assertValid(structure);
  const body = (await pack(structure)).text("word/document.xml");
  for (const t of ["日本語", "日本語の本文。", "項目"]) {
    const [run] = runsWith(body, t);
    assert.match(run, /<w:rFonts w:eastAsia="Yu Gothic" w:hint="eastAsia"\/>/, t);
    assert.match(run, /<w:lang w:val="ja-JP" w:eastAsia="ja-JP"\/>/, t);
  }
  // inline code keeps its own font for Latin text
  assert.match(runsWith(body, ">code<")[0], /w:ascii="Consolas"[^>]*w:eastAsia="Yu Gothic"/);
  assert.match(runsWith(body, "中文正文")[0], /w:eastAsia="Microsoft JhengHei"/);
  const german = runsWith(body, "Deutscher Text")[0];
  assert.match(german, /<w:lang w:val="de-DE"\/>/);
  assert.doesNotMatch(german, /rFonts/);
  for (const t of ["English", "Plain English text."]) assert.doesNotMatch(runsWith(body, t)[0], /w:lang|rFonts/);
});

test("the contract refuses a language that is not a tag and a page label without its fields", () => {
  assert.throws(() => assertValid(doc([{ ...P(T("x")), lang: "../ja" }])), /lang/);
  assert.throws(() => assertValid(doc([], { labels: { page: "Seite" } })), /meta\.labels\.page/);
});
