"use strict";
// The page-number estimator given short code lines as one character (../../build/estimate.js)
// writes the same page numbers as when it lays out every character, on documents of code
// lines of every length around the bound, tabs, non-ASCII text and prose.
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { lightBody, codeLineChars } = require("../../build/estimate");
const { theme, textWidth } = require("../../theme");
const { unzipDocx } = require("../helpers");

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = "alpha beta gamma delta worker queue retry lease".split(" ");

function line(rand, max) {
  const n = Math.floor(rand() * max);
  let s = "";
  while (s.length < n) s += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  s = s.slice(0, n);
  if (rand() < 0.05) s = `\t${s}`;
  else if (rand() < 0.05) s = `éclair 数据 ${s}`;
  return s;
}

function structure(seed) {
  const rand = rng(seed);
  const max = Math.round(codeLineChars(theme, textWidth(theme)) * 1.4);
  const blocks = [];
  for (let h = 0; h < 10; h++) {
    blocks.push({ type: "heading", level: 1 + (h % 3), id: `h${h}`, runs: [{ text: `Heading ${h}` }] });
    blocks.push({ type: "paragraph", runs: [{ text: line(rand, 400) }] });
    const lines = Array.from({ length: 5 + Math.floor(rand() * 40) }, () => line(rand, max));
    const coloured = lines.map((l) => [{ text: l.slice(0, 10), color: "1F6FEB", bold: true }, { text: l.slice(10) }].filter((r) => r.text));
    blocks.push({ type: "code", language: h % 2 ? "log" : "text", text: lines.join("\n"), lines: coloured });
  }
  return { schema: 1, meta: { title: "T", author: "A", created: "2026-11-21T23:50:00Z", toc: true }, blocks };
}

async function tocNumbers(s, options) {
  const xml = unzipDocx(await docx.Packer.toBuffer(buildDocument(s, options))).text("word/document.xml");
  const sdt = xml.match(/<w:sdt>[\s\S]*?<\/w:sdt>/)[0];
  return [...sdt.matchAll(/PAGEREF (\S+)[\s\S]*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => m[2]); // the ids differ from build to build
}

test("estimate: short code lines as one character give the same page numbers", async () => {
  for (const seed of [1]) {
    const s = structure(seed);
    const light = await tocNumbers(s, { pageNumbers: true });
    const full = await tocNumbers(s, { pageNumbers: true, lightEstimate: false });
    assert.ok(full.length >= 10, `page numbers written (${full.length})`);
    assert.ok(new Set(full).size > 3, "several pages");
    assert.deepEqual(light, full, `seed ${seed}`);
  }
});

test("estimate: only short plain code lines are replaced, the rest are the same objects", () => {
  const code = (text, style = "SourceCode", extra = []) => ({
    "w:p": [{ "w:pPr": [{ "w:pStyle": { _attr: { "w:val": style } } }, ...extra] }, { "w:r": [{ "w:t": [{ _attr: {} }, text] }] }],
  });
  const prose = { "w:p": [{ "w:pPr": [{ "w:pStyle": { _attr: { "w:val": "Normal" } } }] }, { "w:r": [{ "w:t": ["text"] }] }] };
  const kept = [code("x".repeat(11)), code("dé"), code("ab", "SourceCode", [{ "w:ind": {} }]), prose];
  const body = { "w:body": [code("short", "LogOutput"), ...kept] };
  const out = lightBody(body, 10);
  assert.notEqual(out, body);
  assert.deepEqual(out["w:body"][0]["w:p"][1], { "w:r": [{ "w:t": [{ _attr: { "xml:space": "preserve" } }, "x"] }] });
  kept.forEach((k, i) => assert.equal(out["w:body"][i + 1], k));
  assert.equal(lightBody({ "w:body": kept }, 10)["w:body"][0], kept[0]);
});
