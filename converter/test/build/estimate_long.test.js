"use strict";
// A code line with no space, wider than two lines (a minified script, a base64 blob, a hash
// list): docx's estimator took 260 s for one of 2,000 characters (issue 25). It is given
// as its wrapped lines of one character each, with the same page numbers.
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { lightBody, codeLineFullChars } = require("../../build/estimate");
const { theme, textWidth } = require("../../theme");
const { unzipDocx } = require("../helpers");

function blob(n, seed) {
  let s = "";
  let x = seed;
  while (s.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += "abcdefghijABCDEF0123456789+/"[x % 28];
  }
  return s;
}

async function tocNumbers(s, options) {
  const xml = unzipDocx(await docx.Packer.toBuffer(buildDocument(s, options))).text("word/document.xml");
  const sdt = xml.match(/<w:sdt>[\s\S]*?<\/w:sdt>/)[0];
  return [...sdt.matchAll(/PAGEREF (\S+)[\s\S]*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => m[2]);
}

test("estimate: long unbreakable code lines as their wrapped lines give the same page numbers", async () => {
  const full = codeLineFullChars(theme, textWidth(theme));
  const blocks = [];
  for (let h = 0; h < 8; h++) {
    blocks.push({ type: "heading", level: 1, id: `h${h}`, runs: [{ text: `Blob ${h}` }] });
    const lines = [`# blob ${h}`, blob(Math.round(full * (2.1 + h * 0.3)), h + 1), "plain text", "plain text", "end"];
    blocks.push({ type: "code", language: "text", text: lines.join("\n") });
  }
  const s = { schema: 1, meta: { title: "T", author: "A", created: "2026-11-21T23:50:00Z", toc: true }, blocks };
  const light = await tocNumbers(s, { pageNumbers: true });
  const exact = await tocNumbers(s, { pageNumbers: true, lightEstimate: false });
  assert.ok(new Set(exact).size > 1, `several pages (${exact})`);
  assert.deepEqual(light, exact);
});

test("estimate: a long line whose words fit, or one within a line, is laid out as it is", () => {
  const code = (text) => ({
    "w:p": [{ "w:pPr": [{ "w:pStyle": { _attr: { "w:val": "SourceCode" } } }] }, { "w:r": [{ "w:t": [{ _attr: {} }, text] }] }],
  });
  const kept = [code("word ".repeat(100)), code("z".repeat(90))];
  const long = [code("q".repeat(1000)), code(`${"x".repeat(200)} ${"y".repeat(200)}`)];
  const out = lightBody({ "w:body": [...kept, ...long] }, 80, 90)["w:body"];
  assert.equal(out[0], kept[0]);
  assert.equal(out[1], kept[1]);
  const breaks = (p) => p["w:p"][1]["w:r"].filter((part) => "w:br" in part).length;
  assert.equal(breaks(out[2]), Math.ceil(1000 / 90) - 1);
  // 90 + 90 + 20 characters of x, then y from a new line: 90 + 90 + 20
  assert.equal(breaks(out[3]), 5);
});
