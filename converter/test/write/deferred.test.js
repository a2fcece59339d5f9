"use strict";
// A long document is written in pieces (../../write/deferred.js): its blocks are built and
// formatted a run at a time instead of all at once. The package must be the one docx-js
// writes for the whole body: same parts, same XML once the ids docx-js draws at random
// or from a shared counter are renumbered (helpers.normaliseXml).

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { buildPackage } = require("../../build/document");
const { convert } = require("../../index");
const { tmpDir, unzipDocx, normaliseXml, makePng } = require("../helpers");

const META = { title: "Pieces", author: "Tester", created: "2026-01-01T00:00:00Z", toc: true };

// One chapter with every kind of block a unit can hold, and references that register
// something with the document while they are formatted: links (relationships), pictures
// (media), lists (numbering instances), footnotes.
function chapter(n, picture) {
  const cells = (k, text) => Array.from({ length: k }, (_, c) => [{ text: `${text}${c}` }]);
  return [
    { type: "heading", level: 1, id: `ch-${n}`, runs: [{ text: `Chapter ${n}` }] },
    { type: "paragraph", runs: [{ text: "See " }, { text: "the site", link: `https://example.com/${n}` }, { text: " and " }, { text: "the start", link: "#ch-0" }, { text: "." }, { footnote: `n${n}` }] },
    { type: "paragraph", runs: [{ image: { path: picture, width: 40, height: 20, alt: `pic ${n}`, caption: `Picture ${n}` } }] },
    { type: "code", language: "python", text: `def f${n}():\n    return {${n}}` },
    { type: "code", language: null, text: "plain\n\tkept" },
    { type: "list", ordered: true, start: (n % 3) + 1, items: [
      { blocks: [{ type: "paragraph", runs: [{ text: `item ${n}` }] }] },
      { blocks: [{ type: "paragraph", runs: [{ text: "nested" }] }, { type: "list", ordered: false, items: [{ checked: true, blocks: [{ type: "paragraph", runs: [{ text: "done" }] }] }] }] },
    ] },
    { type: "heading", level: 2, id: `ch-${n}-t`, runs: [{ text: "Table" }] },
    { type: "table", align: ["left", "right", null], header: cells(3, "h"), rows: [cells(3, "r"), cells(2, "s")] },
    { type: "quote", blocks: [{ type: "paragraph", runs: [{ text: `{not-a-placeholder} quoted ${n}` }] }, { type: "heading", level: 5, id: `q-${n}`, runs: [{ text: "deep" }] }] },
    { type: "rule" },
    ...(n % 4 === 3 ? [
      { type: "paragraph", runs: [{ text: "before a wide table" }] },
      { type: "table", align: Array(13).fill(null), header: cells(13, "w"), rows: [cells(13, "x")] },
      { type: "paragraph", runs: [{ text: "after it" }] },
    ] : []),
    ...(n % 4 === 1 ? [
      // a section that ends with a table (the unit before a landscape table ends in one)
      { type: "table", align: [null], header: cells(1, "last"), rows: [] },
      { type: "table", align: Array(12).fill(null), header: cells(12, "v"), rows: [] },
    ] : []),
    ...Array.from({ length: 200 }, (_, i) => ({ type: "paragraph", runs: [{ text: `Paragraph ${n}.${i} <&> "quoted" ` }, { text: "bold", bold: true }] })),
  ];
}

function structure(dir, chapters = 12) {
  const picture = path.join(dir, "pic.png");
  fs.writeFileSync(picture, makePng(40, 20));
  const blocks = [];
  for (let n = 0; n < chapters; n++) blocks.push(...chapter(n, picture));
  return {
    schema: 1,
    meta: META,
    blocks,
    footnotes: Array.from({ length: chapters }, (_, n) => ({ id: `n${n}`, blocks: [{ type: "paragraph", runs: [{ text: `Note ${n}`, link: "https://example.com/note" }] }] })),
  };
}

// docx-js names hyperlink relationships at random: name each by its target instead, in
// the relationships and in the XML that refers to them.
function linksByTarget(files) {
  const rels = Object.keys(files.files).filter((n) => n.endsWith(".rels")).map((n) => files.text(n)).join("");
  const target = new Map([...rels.matchAll(/Id="([^"]+)" Type="[^"]*hyperlink" Target="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const name = (xml) => xml.replace(/(\b(?:r:id|Id)=")([^"]+)"/g, (m, pre, id) => (target.has(id) ? `${pre}link:${target.get(id)}"` : m));
  return (part) => name(files.text(part));
}

async function parts(dir, name, s, options) {
  const json = path.join(dir, `${name}.json`);
  const out = path.join(dir, `${name}.docx`);
  fs.writeFileSync(json, JSON.stringify(s));
  await convert(json, out, options);
  const docx = unzipDocx(fs.readFileSync(out));
  return { names: Object.keys(docx.files).sort(), text: linksByTarget(docx), files: docx.files };
}

test("a long document is written in pieces, as docx-js writes the whole body", async () => {
  const dir = tmpDir();
  const s = structure(dir);
  const built = buildPackage(JSON.parse(JSON.stringify(s)), { baseDir: dir });
  assert.ok(built.deferred, "the document is deferred");
  assert.ok(built.deferred.units.length > 20, `${built.deferred.units.length} units`);

  const pieces = await parts(dir, "pieces", s);
  const whole = await parts(dir, "whole", s, { defer: false });
  assert.deepEqual(pieces.names, whole.names);
  for (const name of whole.names) {
    if (name === "docProps/core.xml") continue; // its time stamps
    if (/\.(xml|rels)$/.test(name)) {
      assert.equal(normaliseXml(pieces.text(name)), normaliseXml(whole.text(name)), name);
    } else {
      assert.deepEqual(Buffer.from(pieces.files[name]), Buffer.from(whole.files[name]), name);
    }
  }
  const xml = pieces.text("word/document.xml");
  assert.ok(!xml.includes("_unit_"), "no marker left");
  assert.equal((xml.match(/<w:sectPr/g) || []).length, (whole.text("word/document.xml").match(/<w:sectPr/g) || []).length);
  assert.ok(xml.includes("{not-a-placeholder} quoted 5"));
  assert.ok(xml.includes('<w:orient w:val="landscape"/>') || /w:orient="landscape"/.test(xml), "landscape sections kept");
  // every footnote, every picture, every link
  assert.equal((pieces.text("word/footnotes.xml").match(/Note \d+/g) || []).length, 12);
  assert.equal((xml.match(/<w:footnoteReference /g) || []).length, 12);
  assert.equal((xml.match(/<a:blip /g) || []).length, 12);
  const rels = pieces.text("word/_rels/document.xml.rels");
  for (let n = 0; n < 12; n++) assert.ok(rels.includes(`https://example.com/${n}"`), `link ${n}`);
  // the TOC lists the headings of the whole document
  assert.ok(xml.includes("Chapter 11"));
  assert.equal((xml.match(/<w:pStyle w:val="TOC1"\/>/g) || []).length, 12);
});

test("a long document whose early blocks hold a footnote is built at once", () => {
  const dir = tmpDir();
  const s = structure(dir);
  assert.ok(buildPackage(JSON.parse(JSON.stringify(s)), { baseDir: dir }).deferred);
  s.blocks[6].runs.push({ footnote: "n0" }); // a heading with a footnote reference
  assert.equal(s.blocks[6].type, "heading");
  assert.equal(buildPackage(s, { baseDir: dir }).deferred, null);
});

test("a short document is built at once", () => {
  const dir = tmpDir();
  assert.equal(buildPackage(structure(dir, 2), { baseDir: dir }).deferred, null);
});

test("a long document that cannot be written names the output, not the scratch file", async () => {
  const dir = tmpDir();
  const json = path.join(dir, "long.json");
  fs.writeFileSync(json, JSON.stringify(structure(dir)));
  const out = path.join(dir, "missing-folder", "out.docx");
  await assert.rejects(convert(json, out), (e) => e.message === `cannot write ${out}: no such file or directory`);
});
