"use strict";
// docx's layout estimator with the load-time patches of ../../build/fastlayout.js lays out
// every page exactly as docx's own: the whole layout (every line and block of every page,
// with its position) of generated documents of prose in several scripts and styles, code,
// tables, lists, quotes and a table of contents, compared between the two; and every patch
// still finds the text it replaces in the installed docx.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const { buildDocument } = require("../../build/document");
const { patchedLayout, layout } = require("../../build/fastlayout");

const LAYOUT_FILE = require.resolve("docx/layout");
const ORIGINAL = fs.readFileSync(LAYOUT_FILE, "utf8");

// A private copy of the layout module compiled from `source` (not require's cached one).
function compiled(source, name) {
  const m = new Module(`${LAYOUT_FILE}#${name}`, module);
  m.paths = Module._nodeModulePaths(path.dirname(LAYOUT_FILE));
  m._compile(source, `${LAYOUT_FILE}#${name}`);
  return m.exports;
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  ..."the worker takes a lease on each queue and retries after the timeout expires".split(" "),
  "éclair", "naïve", "Straße", "数据", "処理", "Привет", "שלום", "مرحبا", "★", "→", "x²", "10 000",
];

function words(rand, n) {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
}

function runs(rand, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = { text: `${words(rand, 1 + Math.floor(rand() * 12))} ` };
    if (rand() < 0.2) r.bold = true;
    if (rand() < 0.2) r.italic = true;
    if (rand() < 0.1) r.code = true;
    out.push(r);
  }
  return out;
}

function structure(seed) {
  const rand = rng(seed);
  const blocks = [];
  for (let h = 0; h < 8; h++) {
    blocks.push({ type: "heading", level: 1 + (h % 3), id: `h${h}`, runs: [{ text: `Part ${h} ${words(rand, 3)}` }] });
    blocks.push({ type: "paragraph", runs: runs(rand, 3 + Math.floor(rand() * 10)) });
    const kind = h % 4;
    if (kind === 0) {
      const lines = Array.from({ length: 3 + Math.floor(rand() * 30) }, () => words(rand, Math.floor(rand() * 14)));
      blocks.push({ type: "code", language: "text", text: lines.join("\n") });
    } else if (kind === 1) {
      const row = () => Array.from({ length: 3 }, () => runs(rand, 1 + Math.floor(rand() * 3)));
      blocks.push({ type: "table", align: ["left", "center", null], header: row(), rows: Array.from({ length: 2 + Math.floor(rand() * 8) }, row) });
    } else if (kind === 2) {
      const item = () => ({ blocks: [{ type: "paragraph", runs: runs(rand, 2) }] });
      blocks.push({ type: "list", ordered: h % 8 === 2, ...(h % 8 === 2 ? { start: 1 } : {}), items: Array.from({ length: 2 + Math.floor(rand() * 6) }, item) });
    } else {
      blocks.push({ type: "quote", blocks: [{ type: "paragraph", runs: runs(rand, 4) }] });
    }
  }
  return { schema: 1, meta: { title: "Layout", author: "A", created: "2026-12-04T12:00:00Z", toc: true }, blocks };
}

test("fastlayout: every patch finds its text in the installed docx", () => {
  const { applied, skipped } = patchedLayout(ORIGINAL);
  assert.deepEqual(skipped, [], `patches that no longer apply: ${skipped.join(", ")}`);
  assert.equal(applied.length, 5);
});

test("fastlayout: the patched estimator lays out every page as docx's own", () => {
  const original = compiled(ORIGINAL, "original");
  const patched = compiled(patchedLayout(ORIGINAL).source, "patched");
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "all-blocks.json"), "utf8"));
  const documents = [fixture, structure(1), structure(2)];
  for (const [i, s] of documents.entries()) {
    const layOut = (lib) => JSON.stringify(lib.layoutDocument(buildDocument(structuredClone(s), { pageNumbers: false }), { guess: true }));
    const want = layOut(original);
    assert.ok(JSON.parse(want).pages.length >= 2, `document ${i}: several pages`);
    assert.equal(layOut(patched), want, `document ${i}`);
  }
});

test("fastlayout: the converter's estimator is the patched module", () => {
  const lib = layout();
  assert.equal(typeof lib.estimatePageNumbersWith, "function");
  assert.equal(require.cache[LAYOUT_FILE].exports, lib);
  assert.match(fs.readFileSync(LAYOUT_FILE, "utf8"), /function _objectSpread2\(e\)/, "docx unchanged on disk");
});
