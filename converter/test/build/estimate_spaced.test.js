"use strict";
// A code line holding a word wider than its line, with spaces around it (`x = '<30 KB>'`):
// docx's estimator broke the word character by character, measuring the line again for
// each one (69.5 s for 30 KB with a table of contents; issue 25). Its lines are counted
// the way the estimator lays them out (./estimate.js wrappedCount), checked here against
// docx/layout itself on lines of every kind, and by the page numbers of a contents.
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { layoutDocument } = require("docx/layout");
const { buildDocument } = require("../../build/document");
const { wrappedCount, codeLineFullChars } = require("../../build/estimate");
const { theme, textWidth } = require("../../theme");
const { unzipDocx } = require("../helpers");

const FULL = codeLineFullChars(theme, textWidth(theme));
const META = { title: "T", author: "A", created: "2026-11-21T23:50:00Z" };

function random(seed) {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

// Code lines with at least one word wider than a line: leading spaces, runs of spaces,
// dashes before letters and digits, words near the width and far beyond it.
function spacedLines(seed, count) {
  const rnd = random(seed);
  const word = (n) => Array.from({ length: n }, () => "abcXYZ0189-_'.("[rnd(15)]).join("");
  const lines = [];
  while (lines.length < count) {
    let s = rnd(3) ? "" : " ".repeat(rnd(12));
    for (let p = 1 + rnd(6); p > 0; p--) {
      const r = rnd(10);
      s += word(r < 5 ? 1 + rnd(12) : r < 8 ? FULL - 5 + rnd(10) : FULL + rnd(2 * FULL));
      s += " ".repeat(rnd(4) ? 1 : rnd(5));
    }
    s = s.trimEnd();
    if (s.split(/ +/).some((w) => w.length > FULL)) lines.push(s);
  }
  return lines;
}

test("estimate: a long line's count of lines is the one docx/layout lays out", () => {
  const lines = [...spacedLines(7, 24), `x = '${"q".repeat(3 * FULL)} r'`, "a-b-c".repeat(60), "-".repeat(250), `${" ".repeat(FULL + 3)}${"z".repeat(FULL + 1)}`];
  const s = { schema: 1, meta: META, blocks: [{ type: "code", language: "text", text: lines.join("\n") }] };
  const laid = new Map();
  for (const page of layoutDocument(buildDocument(s, {}), { guess: true }).pages) {
    for (const b of page.body) {
      if (b.type !== "paragraph") continue;
      const [text, n] = laid.get(b.index) || ["", 0];
      laid.set(b.index, [text + b.lines.map((l) => l.text).join(""), n + b.lines.length]);
    }
  }
  let checked = 0;
  for (const [text, n] of laid.values()) {
    const k = lines.indexOf(text);
    if (k < 0) continue;
    assert.equal(wrappedCount(lines[k], FULL), n, JSON.stringify(lines[k]).slice(0, 120));
    checked += 1;
  }
  assert.equal(checked, lines.length);
});

async function tocNumbers(s, options) {
  const xml = unzipDocx(await docx.Packer.toBuffer(buildDocument(s, options))).text("word/document.xml");
  const sdt = xml.match(/<w:sdt>[\s\S]*?<\/w:sdt>/)[0];
  return [...sdt.matchAll(/PAGEREF (\S+)[\s\S]*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => m[2]);
}

test("estimate: long spaced code lines give the same page numbers as laid out in full", async () => {
  const lines = spacedLines(11, 48);
  const blocks = [];
  for (let h = 0; h < 8; h++) {
    blocks.push({ type: "heading", level: 1, id: `h${h}`, runs: [{ text: `Part ${h}` }] });
    blocks.push({ type: "code", language: "text", text: lines.slice(h * 6, h * 6 + 6 + h).join("\n") });
  }
  const s = { schema: 1, meta: { ...META, toc: true }, blocks };
  const light = await tocNumbers(s, { pageNumbers: true });
  const exact = await tocNumbers(s, { pageNumbers: true, lightEstimate: false });
  assert.ok(new Set(exact).size > 2, `several pages (${exact})`);
  assert.deepEqual(light, exact);
});

test("estimate: 30 KB in quotes on one code line, with a contents, in seconds", async () => {
  const rnd = random(3);
  const blob = Array.from({ length: 30000 }, () => "abcdefghijABCDEF0123456789+/ "[rnd(29)]).join("");
  const blocks = [
    { type: "heading", level: 1, id: "a", runs: [{ text: "Before" }] },
    { type: "code", language: "python", text: `x = '${blob.replace(/ /g, "")}'\ny = '${blob}'\nprint(x)` },
    { type: "heading", level: 1, id: "b", runs: [{ text: "After" }] },
  ];
  const started = Date.now();
  const numbers = await tocNumbers({ schema: 1, meta: { ...META, toc: true }, blocks }, { pageNumbers: true });
  assert.equal(numbers.length, 2);
  assert.ok(Number(numbers[1]) > Number(numbers[0]) + 5, `the code takes pages (${numbers})`);
  assert.ok(Date.now() - started < 30000, `took ${Date.now() - started} ms (69.5 s before)`);
});
