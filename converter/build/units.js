"use strict";
// Long documents are written in pieces (../write/deferred.js). Above DEFER_MIN_PARAGRAPHS
// paragraphs (where the page-number estimator, which needs the whole body, no longer
// runs), only the blocks that must be part of docx-js's document when it is compiled are
// built with it (buildsEarly); runs of the other top-level blocks ("units") are built,
// formatted and let go one after another. This module decides which, and fills the units
// (./blocks.js renderBlocks, renderUnit).

const { Paragraph, TextRun } = require("docx");

// Page numbers of the table of contents are worked out by docx's layout estimator
// (docx/layout), which costs about 2 ms per paragraph (2000 paragraphs, some 70 pages: about 5 s);
// above this many paragraphs the entries are written without page numbers and the field
// is left dirty for Word to fill.
const PAGE_NUMBER_PARAGRAPH_LIMIT = 2000;
const DEFER_MIN_PARAGRAPHS = PAGE_NUMBER_PARAGRAPH_LIMIT;
const UNIT_MAX_BLOCKS = 200;
const UNIT_MAX_PARAGRAPHS = 4000;
// A table with a landscape page of its own is built with docx-js's document (its section
// is docx-js's), about 10 KB a cell: the 2,500 tables of 40 columns a 100,000-column row
// is cut into took the converter to 2 GB (issue 25). The cells of such tables are counted
// in reading order; the tables past this many are laid out on portrait pages instead, in
// units, every cell kept (`portraitTables`; the run names them in a warning).
const LANDSCAPE_MAX_CELLS = 20000;

function lineCount(text) {
  let n = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n += 1;
  return n;
}

// How many paragraphs the body roughly makes (for PAGE_NUMBER_PARAGRAPH_LIMIT).
function paragraphEstimate(blocks) {
  let n = 0;
  for (const b of blocks) {
    if (b.type === "code" && b.body) n += b.body.lines;
    else if (b.type === "code" || b.type === "html") n += lineCount(b.text);
    else if (b.type === "table") n += (b.rows.length + 1) * Math.max(1, b.header.length);
    else if (b.type === "quote") n += paragraphEstimate(b.blocks);
    else if (b.type === "list") n += b.items.reduce((s, it) => s + Math.max(1, paragraphEstimate(it.blocks)), 0);
    else n += 1;
  }
  return n;
}

// The blocks inside a block (quotes, list items), depth first.
function* innerBlocks(block) {
  yield block;
  if (block.type === "quote") for (const b of block.blocks) yield* innerBlocks(b);
  if (block.type === "list") for (const item of block.items) for (const b of item.blocks) yield* innerBlocks(b);
}

// The runs of a block and of the blocks inside it (table cells included).
function* blockRuns(block) {
  for (const b of innerBlocks(block)) {
    if (b.runs) yield* b.runs;
    if (b.type === "table") for (const row of [b.header, ...b.rows]) for (const cell of row) yield* cell;
  }
}

// A top-level list is one block, built in one go; 100,000 items took the converter to
// 0.9 GB (issue 25). A longer one is given as consecutive lists of this many items, each
// numbered on from the one before: the same paragraphs, built unit by unit.
const LIST_MAX_ITEMS = 1000;

function splitLists(blocks, maxItems = LIST_MAX_ITEMS) {
  if (!blocks.some((b) => b.type === "list" && b.items.length > maxItems)) return blocks;
  const out = [];
  for (const b of blocks) {
    if (b.type !== "list" || b.items.length <= maxItems) {
      out.push(b);
      continue;
    }
    const start = Number.isInteger(b.start) ? b.start : 1;
    for (let i = 0; i < b.items.length; i += maxItems) {
      const part = { ...b, items: b.items.slice(i, i + maxItems) };
      if (b.ordered) part.start = start + i;
      out.push(part);
    }
  }
  return out;
}

function columnCount(table) {
  let n = table.header.length;
  for (const r of table.rows) n = Math.max(n, r.length);
  return n;
}

// Whether a table gets a landscape page of its own (./tables.js), before `ctx` says
// whether it is inside a note or another landscape table.
function landscapeTable(builder, table) {
  return columnCount(table) >= builder.t.table.landscape.minColumns && !builder.portraitTables.has(table);
}

// The tables that would get a landscape page past the first LANDSCAPE_MAX_CELLS cells of
// such tables, in reading order, and their cells.
function portraitTables(blocks, t, maxCells = LANDSCAPE_MAX_CELLS) {
  const tables = new Set();
  let cells = 0;
  let portraitCells = 0;
  for (const block of blocks) {
    for (const b of innerBlocks(block)) {
      if (b.type !== "table" || columnCount(b) < t.table.landscape.minColumns) continue;
      const n = columnCount(b) * (b.rows.length + 1);
      cells += n;
      if (cells > maxCells) {
        tables.add(b);
        portraitCells += n;
      }
    }
  }
  return { tables, cells: portraitCells, max: maxCells };
}

// A top-level block that is part of docx-js's document itself: headings (its table of
// contents is filled from the body's top-level headings) and blocks holding one, and
// blocks holding a table with a landscape section of its own (sections are docx-js's).
function buildsEarly(block, builder) {
  for (const b of innerBlocks(block)) {
    if (b.type === "heading") return true;
    if (b.type === "table" && landscapeTable(builder, b)) return true;
  }
  return false;
}

// Whether the body is written in pieces (../write/deferred.js): a long document (no
// page-number estimate, which needs the whole body) whose early blocks (buildsEarly) hold
// no footnote reference or picture: those are numbered in the order they are built, and
// early blocks are built before the units. Otherwise everything is built at once.
function defers(builder) {
  if (builder.defer === false || builder.pageNumbersOption === true) return false;
  if (builder.paragraphs() <= DEFER_MIN_PARAGRAPHS) return false;
  for (const b of builder.s.blocks) {
    if (!buildsEarly(b, builder)) continue;
    for (const run of blockRuns(b)) if ("footnote" in run || "image" in run) return false;
  }
  return true;
}

// Adds a block that is not built now to the unit being filled, or to a new unit when there
// is none or it is full; a new unit's marker paragraph is appended to `out`. `spacer`: the
// block follows another preformatted block (see renderBlocks). Returns the unit.
function deferBlock(builder, unit, block, spacer, ctx, out) {
  if (!unit || unit.blocks >= UNIT_MAX_BLOCKS || unit.paragraphs >= UNIT_MAX_PARAGRAPHS) {
    const mark = `${builder.nonce}_unit_${builder.units.length}`;
    unit = { mark, marker: new Paragraph({ children: [new TextRun(mark)] }), items: [], ctx, blocks: 0, paragraphs: 0 };
    builder.units.push(unit);
    out.push(unit.marker);
  }
  if (spacer) unit.items.push(null); // null: the spacer between two preformatted blocks
  unit.items.push(block);
  unit.blocks += 1;
  unit.paragraphs += paragraphEstimate([block]);
  return unit;
}

module.exports = {
  PAGE_NUMBER_PARAGRAPH_LIMIT,
  paragraphEstimate,
  innerBlocks,
  buildsEarly,
  landscapeTable,
  portraitTables,
  splitLists,
  defers,
  deferBlock,
};
