"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { validateStructure } = require("../schema");
const { loadFixture } = require("./helpers");

const base = () => ({
  schema: 1,
  meta: { title: "T", author: "A", created: "2026-01-01T00:00:00Z" },
  blocks: [],
});

function withBlocks(...blocks) {
  return { ...base(), blocks };
}

test("valid documents pass", () => {
  assert.equal(validateStructure(base()), null);
  assert.equal(validateStructure(loadFixture("all-blocks.json")), null);
});

test("faults name the JSON path of the first fault", () => {
  const cases = [
    [null, /^\(root\): expected an object/],
    [{ ...base(), schema: 2 }, /^schema: unsupported schema number 2/],
    [{ ...base(), meta: { title: "T", created: "x" } }, /^meta\.author: missing required key/],
    [{ ...base(), meta: { ...base().meta, description: 3 } }, /^meta\.description: expected a string/],
    [{ ...base(), blocks: {} }, /^blocks: expected an array/],
    [loadFixture("bad-block-type.json"), /^blocks\[1\]\.items\[0\]\.blocks\[1\]: unknown block type "foo"/],
    [withBlocks({ type: "heading", level: 7, id: "x", runs: [] }), /^blocks\[0\]\.level: expected an integer 1-6/],
    [withBlocks({ type: "heading", level: 1, runs: [] }), /^blocks\[0\]\.id: missing required key/],
    [
      withBlocks({ type: "heading", level: 1, id: "x", runs: [] }, { type: "heading", level: 2, id: "x", runs: [] }),
      /^blocks\[1\]\.id: duplicate heading id "x"/,
    ],
    [withBlocks({ type: "paragraph", runs: [{ text: "a" }, { txt: "b" }] }), /^blocks\[0\]\.runs\[1\]: a run needs one of/],
    [withBlocks({ type: "paragraph", runs: [{ text: "a", bold: "yes" }] }), /^blocks\[0\]\.runs\[0\]\.bold: expected true or false/],
    [withBlocks({ type: "paragraph", runs: [{ break: false }] }), /^blocks\[0\]\.runs\[0\]\.break: expected true/],
    [
      withBlocks({ type: "paragraph", runs: [{ image: { path: "/a.png", width: 0, height: 3 } }] }),
      /^blocks\[0\]\.runs\[0\]\.image\.width: expected a positive number/,
    ],
    [withBlocks({ type: "paragraph", runs: [{ missing_image: {} }] }), /^blocks\[0\]\.runs\[0\]\.missing_image\.ref: missing/],
    [withBlocks({ type: "code", language: null }), /^blocks\[0\]\.text: missing required key/],
    [withBlocks({ type: "code", text: "x", language: 5 }), /^blocks\[0\]\.language: expected a string or null/],
    [withBlocks({ type: "list", ordered: true, start: -1, items: [] }), /^blocks\[0\]\.start: expected a non-negative integer/],
    [withBlocks({ type: "list", ordered: false, items: [{}] }), /^blocks\[0\]\.items\[0\]\.blocks: missing required key/],
    [
      withBlocks({ type: "table", align: ["middle"], header: [[]], rows: [] }),
      /^blocks\[0\]\.align\[0\]: expected "left", "center", "right" or null/,
    ],
    [withBlocks({ type: "table", align: [], header: [], rows: [] }), /^blocks\[0\]\.header: a table needs at least one column/],
    [
      withBlocks({ type: "table", align: [null], header: [[]], rows: [[[{ text: 1 }]]] }),
      /^blocks\[0\]\.rows\[0\]\[0\]\[0\]\.text: expected a string/,
    ],
    [withBlocks({ type: "quote", blocks: [{ type: "rule" }, { nope: 1 }] }), /^blocks\[0\]\.blocks\[1\]\.type: missing required key/],
  ];
  for (const [doc, re] of cases) assert.match(validateStructure(doc) || "(valid)", re);
});
