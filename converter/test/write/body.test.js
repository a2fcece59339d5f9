"use strict";
// Code blocks whose lines are in a file (`body`): the package writer streams them through
// template paragraphs. The document must be byte for byte the one the same lines give when
// carried in the JSON (`text` + `lines`), and a body that does not match its announcement
// must fail the conversion rather than write a different document.

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { convert, InputError } = require("../../index");
const { tmpDir, unzipDocx } = require("../helpers");

const META = { title: "Bodies", author: "Tester", created: "2026-01-01T00:00:00Z" };
const PALETTE = [{}, { color: "c00000", bold: true }, { color: "6B7280" }, { italic: true }];

// Lines with everything the code path treats specially: tabs (leading, trailing, doubled),
// XML specials, a CR at the end (dropped) and inside (shown as ␍), control characters,
// astral characters, empty lines and a line that is only a tab.
const LINES = [
  "a\tb <&>\"'",
  "",
  "ERR x\r",
  "\tlead",
  "x\u0001y\rz\u000c",
  "end\t",
  "é漢字🙂",
  "\t",
  "two\t\ttabs",
  "",
];

async function documentXml(dir, name, block) {
  const structure = {
    schema: 1,
    meta: META,
    blocks: [
      { type: "paragraph", runs: [{ text: "before" }] },
      block,
      { type: "paragraph", runs: [{ text: "after" }] },
    ],
  };
  const json = path.join(dir, `${name}.json`);
  const out = path.join(dir, `${name}.docx`);
  fs.writeFileSync(json, JSON.stringify(structure));
  await convert(json, out);
  return unzipDocx(fs.readFileSync(out)).text("word/document.xml");
}

async function both(lines, { language = "log", styles = null } = {}) {
  const dir = tmpDir();
  const text = lines.join("\n");
  const inline = { type: "code", language, text };
  if (styles) {
    inline.lines = lines.map((line, i) => (line ? [{ text: line, ...PALETTE[styles[i]] }] : []));
  }
  const bodyPath = path.join(dir, "body.txt");
  fs.writeFileSync(bodyPath, text);
  const body = { path: bodyPath, lines: lines.length };
  if (styles) Object.assign(body, { palette: PALETTE, line_styles: styles.join("") });
  const viaJson = await documentXml(dir, "json", inline);
  const viaFile = await documentXml(dir, "file", { type: "code", language, body });
  return { viaJson, viaFile };
}

test("a body gives the same document.xml as the same lines in the JSON", async () => {
  const styles = LINES.map((_, i) => i % PALETTE.length);
  const { viaJson, viaFile } = await both(LINES, { styles });
  assert.ok(viaJson.includes("two</w:t><w:tab/><w:tab/><w:t"), "the fixture exercises tabs");
  assert.equal(viaFile, viaJson);
});

test("one, two and three lines (first/middle/last/only paragraphs), plain and coloured", async () => {
  for (const n of [1, 2, 3]) {
    for (const styles of [null, Array.from({ length: n }, (_, i) => (i + 1) % 2)]) {
      for (const language of ["log", null, "text"]) {
        const { viaJson, viaFile } = await both(LINES.slice(0, n), { language, styles });
        assert.equal(viaFile, viaJson, `n=${n} language=${language} styles=${styles}`);
      }
    }
  }
});

test("a long body is streamed: every line is in the document, in order", async () => {
  const dir = tmpDir();
  const n = 30000; // several write chunks
  const lines = Array.from({ length: n }, (_, i) => `2026-11-02 10:00:00,${i} INFO line ${i} <ok> & done`);
  const file = path.join(dir, "big.txt");
  fs.writeFileSync(file, lines.join("\n"));
  const xml = await documentXml(dir, "big", { type: "code", language: "log", body: { path: file, lines: n } });
  const texts = [...xml.matchAll(/<w:pStyle w:val="LogOutput"\/>.*?<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
  assert.equal(texts.length, n);
  assert.equal(texts[0], "2026-11-02 10:00:00,0 INFO line 0 &lt;ok&gt; &amp; done");
  assert.equal(texts[n - 1], `2026-11-02 10:00:00,${n - 1} INFO line ${n - 1} &lt;ok&gt; &amp; done`);
});

test("a body with more or fewer lines than announced fails; nothing is written", async () => {
  const dir = tmpDir();
  const file = path.join(dir, "three.txt");
  fs.writeFileSync(file, "a\nb\nc");
  for (const lines of [2, 4]) {
    const out = path.join(dir, `out${lines}.docx`);
    const json = path.join(dir, `in${lines}.json`);
    fs.writeFileSync(json, JSON.stringify({ schema: 1, meta: META, blocks: [{ type: "code", language: null, body: { path: file, lines } }] }));
    await assert.rejects(convert(json, out), /three\.txt: .*(more lines than|3 lines, 4 announced)/);
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes(".tmp-")), []);
  }
});

test("a missing body file fails naming it", async () => {
  const dir = tmpDir();
  const json = path.join(dir, "in.json");
  const missing = path.join(dir, "gone.txt");
  fs.writeFileSync(json, JSON.stringify({ schema: 1, meta: META, blocks: [{ type: "code", language: null, body: { path: missing, lines: 1 } }] }));
  await assert.rejects(convert(json, path.join(dir, "o.docx")), (e) => e.message === `cannot read ${missing}: no such file or directory`);
});

test("body faults are schema faults naming the JSON path", async () => {
  const dir = tmpDir();
  const cases = [
    [{ path: "x", lines: 0 }, /blocks\[0\]\.body\.lines/],
    [{ path: "x", lines: 2, line_styles: "0" }, /blocks\[0\]\.body\.line_styles: expected 2 characters/],
    [{ path: "x", lines: 2, palette: [{}], line_styles: "01" }, /line_styles: character 1 is not a palette index/],
    [{ path: "x", lines: 1, palette: [{ color: "red" }] }, /body\.palette\[0\]\.color/],
    [{ lines: 1 }, /body\.path/],
  ];
  for (const [body, re] of cases) {
    const json = path.join(dir, "in.json");
    fs.writeFileSync(json, JSON.stringify({ schema: 1, meta: META, blocks: [{ type: "code", language: null, body }] }));
    await assert.rejects(convert(json, path.join(dir, "o.docx")), (e) => e instanceof InputError && re.test(e.message), JSON.stringify(body));
  }
});

test("the package: [Content_Types].xml first, every part deflated, same bytes twice", async () => {
  const dir = tmpDir();
  const json = path.join(dir, "in.json");
  fs.writeFileSync(json, JSON.stringify({ schema: 1, meta: META, blocks: [{ type: "paragraph", runs: [{ text: "x" }] }] }));
  await convert(json, path.join(dir, "a.docx"));
  await convert(json, path.join(dir, "b.docx"));
  const a = fs.readFileSync(path.join(dir, "a.docx"));
  // the first local file header names [Content_Types].xml
  const nameLength = a.readUInt16LE(26);
  assert.equal(a.subarray(30, 30 + nameLength).toString(), "[Content_Types].xml");
  assert.equal(a.readUInt16LE(8), 8, "deflated");
  const docA = unzipDocx(a).text("word/document.xml");
  const docB = unzipDocx(fs.readFileSync(path.join(dir, "b.docx"))).text("word/document.xml");
  assert.equal(docA, docB);
});

test("the section lookup shortcut gives the document docx-js gives without it", async () => {
  const { buildDocument } = require("../../build/document");
  const { Packer } = require("docx");
  const table = (cols, rows) => ({
    type: "table",
    align: Array(cols).fill(null),
    header: Array.from({ length: cols }, (_, i) => [{ text: `h${i}` }]),
    rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => [{ text: `${r}.${c}` }])),
  });
  const blocks = [];
  for (let i = 0; i < 30; i++) {
    blocks.push({ type: "paragraph", runs: [{ text: `p${i}` }] });
    blocks.push(table(i % 10 === 5 ? 13 : 3, 2)); // every tenth table is landscape
  }
  const structure = { schema: 1, meta: META, blocks };
  const dir = tmpDir();
  const json = path.join(dir, "in.json");
  fs.writeFileSync(json, JSON.stringify(structure));
  await convert(json, path.join(dir, "fast.docx"));
  const fast = unzipDocx(fs.readFileSync(path.join(dir, "fast.docx"))).text("word/document.xml");
  const plain = Packer.compiler.compile(buildDocument(structure)).get("word/document.xml");
  assert.ok(fast.includes('w:orient="landscape"') && fast.includes('<w:tblW w:type="dxa" w:w="12960"/>'));
  assert.equal(fast, plain);
});

test("a body can be a byte range of a bigger file (the session's markdown)", async () => {
  const dir = tmpDir();
  const prefix = "# Title ü\n\n```log\n";
  const text = LINES.join("\n") + "\u007F del";
  const file = path.join(dir, "document.md");
  fs.writeFileSync(file, `${prefix}${text}\n\`\`\`\nafter é\n`);
  const offset = Buffer.byteLength(prefix);
  const length = Buffer.byteLength(text);
  const lines = text.split("\n");
  const viaJson = await documentXml(dir, "json", { type: "code", language: "log", text: text.replace("\u007F", "\u2421") });
  const viaRange = await documentXml(dir, "range", { type: "code", language: "log", body: { path: file, offset, length, lines: lines.length } });
  assert.ok(viaRange.includes("\u2421 del"), "DEL is shown as ␡");
  assert.equal(viaRange, viaJson);
  // an empty range is one empty line
  const empty = await documentXml(dir, "empty", { type: "code", language: null, body: { path: file, offset, length: 0, lines: 1 } });
  const emptyJson = await documentXml(dir, "empty-json", { type: "code", language: null, text: "" });
  assert.equal(empty, emptyJson);
});
