"use strict";
// Tables wide enough for a landscape page are built with docx-js's document (their
// section is docx-js's), about 10 KB a cell: past LANDSCAPE_MAX_CELLS cells of them, in
// reading order, the others are laid out on portrait pages in units (issue 25: the 2,500
// pieces of a 100,000-column row took the converter to 2 GB; 0.6 GB now).
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildPackage } = require("../../build/document");
const { buildsEarly } = require("../../build/units");
const { theme } = require("../../theme");
const { unzipDocx } = require("../helpers");

const META = { title: "T", author: "A", created: "2026-11-21T23:50:00Z" };

function table(t, cols, rows) {
  const cell = (r, c) => [{ text: `t${t}r${r}c${c}` }];
  return {
    type: "table",
    align: Array(cols).fill(null),
    header: Array.from({ length: cols }, (_, c) => cell(0, c)),
    rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r + 1, c))),
  };
}

test("tables: landscape pages for the first cells of wide tables only, every cell kept", async () => {
  // 14 columns x 3 rows = 42 cells each; a narrow table between them never counts
  const blocks = [table(0, 14, 2), table(1, 3, 2), table(2, 14, 2), table(3, 20, 2), { type: "quote", blocks: [table(4, 14, 2)] }];
  const built = buildPackage({ schema: 1, meta: META, blocks }, { landscapeMaxCells: 100 });
  assert.deepEqual(built.portrait, { tables: 2, cells: 60 + 42, max: 100 });
  assert.equal(buildsEarly(blocks[3], { t: theme, portraitTables: new Set() }), true); // without the bound: early
  const xml = unzipDocx(await docx.Packer.toBuffer(built.doc)).text("word/document.xml");
  assert.equal((xml.match(/w:orient="landscape"/g) || []).length, 2); // tables 0 and 2
  for (const t of [0, 1, 2, 3, 4]) assert.ok(xml.includes(`t${t}r2c2`), `table ${t}`);
  assert.ok(xml.includes("t3r2c19") && xml.includes("t4r0c13"));
});

test("tables: a document under the bound is laid out as before", () => {
  const blocks = [table(0, 14, 2), table(1, 40, 5)];
  const built = buildPackage({ schema: 1, meta: META, blocks });
  assert.deepEqual(built.portrait, { tables: 0, cells: 0, max: 20000 });
});
