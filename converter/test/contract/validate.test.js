"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { validateStructure } = require("../../contract/validate");
const { loadFixture } = require("../helpers");

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

test("additions: valid documents with every addition pass", () => {
  const d = {
    ...base(),
    meta: { ...base().meta, date: "21 November 2026", subtitle: "S", toc: true, theme: { body: { font: "Georgia", size: 24 }, code: { shading: "fff8e1" }, headings: [null, { size: 30 }] } },
    blocks: [
      { type: "paragraph", runs: [{ text: "a", color: "FF0000" }, { footnote: "n" }, { image: { path: "/x.svg", width: 1, height: 1, fallback: "/x.png", caption: "c" } }] },
      { type: "code", language: "log", text: "a\tb\n\nc", lines: [[{ text: "a" }, { text: "\tb", color: "00ff00", bold: true, italic: false }], [], [{ text: "c" }]] },
      { type: "list", ordered: false, items: [{ checked: true, blocks: [] }, { checked: false, blocks: [] }, { blocks: [] }] },
      { type: "table", caption: "cap", align: [null], header: [[]], rows: [] },
    ],
    footnotes: [{ id: "n", blocks: [{ type: "paragraph", runs: [{ text: "note" }] }] }],
  };
  assert.equal(validateStructure(d), null);
});

test("additions: faults name the JSON path", () => {
  const code = (text, lines) => withBlocks({ type: "paragraph", runs: [] }, { type: "code", language: null, text, lines });
  const meta = (extra) => ({ ...base(), meta: { ...base().meta, ...extra } });
  const cases = [
    [code("ab\ncd", [[{ text: "ab" }], [{ text: "c" }, { text: "x" }]]), /^blocks\[1\]\.lines\[1\]: runs do not add up to the line$/],
    [code("ab\ncd", [[{ text: "ab" }]]), /^blocks\[1\]\.lines: expected 2 entries \(one per line of text\), got 1/],
    [code("ab", [[{ text: "ab", color: "red" }]]), /^blocks\[1\]\.lines\[0\]\[0\]\.color: expected a colour of 6 hex digits/],
    [code("ab", [[{ text: "ab", bold: 1 }]]), /^blocks\[1\]\.lines\[0\]\[0\]\.bold: expected true or false/],
    [code("ab", [[{ txt: "ab" }]]), /^blocks\[1\]\.lines\[0\]\[0\]\.text: missing required key/],
    [code("ab", "ab"), /^blocks\[1\]\.lines: expected an array/],
    [withBlocks({ type: "paragraph", runs: [{ text: "a", color: "#FF0000" }] }), /^blocks\[0\]\.runs\[0\]\.color: expected a colour of 6 hex digits/],
    [withBlocks({ type: "paragraph", runs: [{ footnote: 3 }] }), /^blocks\[0\]\.runs\[0\]\.footnote: expected a footnote id/],
    [withBlocks({ type: "paragraph", runs: [{ image: { path: "/a.svg", width: 1, height: 1, fallback: 2 } }] }), /^blocks\[0\]\.runs\[0\]\.image\.fallback: expected a string/],
    [withBlocks({ type: "paragraph", runs: [{ image: { path: "/a.png", width: 1, height: 1, caption: false } }] }), /^blocks\[0\]\.runs\[0\]\.image\.caption: expected a string/],
    [withBlocks({ type: "list", ordered: false, items: [{ checked: "yes", blocks: [] }] }), /^blocks\[0\]\.items\[0\]\.checked: expected true or false/],
    [withBlocks({ type: "table", caption: 1, align: [null], header: [[]], rows: [] }), /^blocks\[0\]\.caption: expected a string/],
    [{ ...base(), footnotes: {} }, /^footnotes: expected an array/],
    [{ ...base(), footnotes: [{ id: 1, blocks: [] }] }, /^footnotes\[0\]\.id: expected a string/],
    [{ ...base(), footnotes: [{ id: "a", blocks: [] }, { id: "a", blocks: [] }] }, /^footnotes\[1\]\.id: duplicate footnote id "a"/],
    [{ ...base(), footnotes: [{ id: "a", blocks: [{ type: "nope" }] }] }, /^footnotes\[0\]\.blocks\[0\]: unknown block type "nope"/],
    [meta({ toc: "yes" }), /^meta\.toc: expected true or false/],
    [meta({ date: 20261121 }), /^meta\.date: expected a string/],
    [meta({ subtitle: null }), /^meta\.subtitle: expected a string/],
    [meta({ theme: [] }), /^meta\.theme: expected an object/],
    [meta({ theme: { body: { fnt: "x" } } }), /^meta\.theme\.body\.fnt: unknown theme key$/],
    [meta({ theme: { colour: {} } }), /^meta\.theme\.colour: unknown theme key$/],
    [meta({ theme: { body: { size: "12pt" } } }), /^meta\.theme\.body\.size: expected a number/],
    [meta({ theme: { body: { size: 10.5 } } }), /^meta\.theme\.body\.size: expected a non-negative integer/],
    [meta({ theme: { code: { shading: "yellow" } } }), /^meta\.theme\.code\.shading: expected a colour of 6 hex digits/],
    [meta({ theme: { body: "Georgia" } }), /^meta\.theme\.body: expected an object/],
    [meta({ theme: { headings: [{ size: 40 }, { colr: "000000" }] } }), /^meta\.theme\.headings\[1\]\.colr: unknown theme key/],
    [meta({ theme: { headings: new Array(7).fill(null) } }), /^meta\.theme\.headings: at most 6 entries/],
    [meta({ theme: { list: { orderedFormats: ["decimal", "roman"] } } }), /^meta\.theme\.list\.orderedFormats\[1\]: expected one of/],
    [meta({ theme: { list: { bullets: [] } } }), /^meta\.theme\.list\.bullets: must not be empty/],
    [meta({ theme: { quote: { italic: "yes" } } }), /^meta\.theme\.quote\.italic: expected true or false/],
    [meta({ theme: { page: { margin: { left: 6000, right: 6000 } } } }), /^meta\.theme\.page: the text width/],
    [meta({ theme: { code: { tabColumns: 0 } } }), /^meta\.theme\.code\.tabColumns: must be greater than 0/],
    [meta({ theme: { image: { dpi: 0 } } }), /^meta\.theme\.image\.dpi: must be greater than 0/],
  ];
  for (const [d, re] of cases) assert.match(validateStructure(d) || "(valid)", re);
});
