"use strict";
// A long top-level list is built as consecutive lists of LIST_MAX_ITEMS items, each
// numbered on from the one before, so a document written in pieces builds it unit by unit
// (issue 25: one list of 100,000 items took the converter to 0.9 GB; 0.33 GB now).
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { splitLists } = require("../../build/units");
const { unzipDocx } = require("../helpers");

const META = { title: "T", author: "A", created: "2026-11-21T23:50:00Z" };
const items = (n) => Array.from({ length: n }, (_, i) => ({ blocks: [{ type: "paragraph", runs: [{ text: `item ${i}` }] }] }));

test("lists: a long list is cut into lists numbered on, every item kept in order", async () => {
  const ordered = { type: "list", ordered: true, start: 5, items: items(25) };
  const bullets = { type: "list", ordered: false, items: items(7) };
  const parts = splitLists([ordered, { type: "paragraph", runs: [{ text: "x" }] }, bullets], 10);
  assert.deepEqual(parts.map((b) => [b.type, b.start, b.items && b.items.length]), [
    ["list", 5, 10], ["list", 15, 10], ["list", 25, 5], ["paragraph", undefined, undefined], ["list", undefined, 7],
  ]);
  const xml = unzipDocx(await docx.Packer.toBuffer(buildDocument({ schema: 1, meta: META, blocks: [ordered] }, { listMaxItems: 10 })));
  const body = xml.text("word/document.xml");
  const order = [...body.matchAll(/item (\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(order, Array.from({ length: 25 }, (_, i) => i));
  const numbering = xml.text("word/numbering.xml");
  for (const start of [5, 15, 25]) assert.match(numbering, new RegExp(`<w:start w:val="${start}"/>`));
});

test("lists: lists within the bound are given as they are", () => {
  const blocks = [{ type: "list", ordered: false, items: items(3) }];
  assert.equal(splitLists(blocks), blocks);
});
