"use strict";
// The rules of the contract that JSON Schema cannot say (blocks.schema.json says the rest),
// checked once the schema has accepted the document:
//   - blocks nest at most MAX_DEPTH deep (the schema recurses without a limit);
//   - heading ids are unique in the document (footnote bodies included), footnote ids among
//     the footnotes;
//   - code `lines` has one entry per line of `text`, whose runs add up to that line exactly;
//   - code `body.line_styles` has one character per line, each "0" + a palette index;
//   - `meta.theme` has the shape of the default theme (converter/theme.js) and the merged
//     theme leaves room for text.
// Each check returns null, or [jsonPath, message] for the first fault in document order.

const { theme: defaultTheme, mergeTheme, themeFault, mergedThemeFault } = require("../theme");

const MAX_DEPTH = 100;

// Calls visit(block, path, index, depth) for every block of `blocks` and the blocks inside
// them (quotes, list items), depth first in document order; the block is path[index]. Returns
// the first fault visit returns. It also walks a document the schema has not accepted (see
// depthFault): whatever is not a block or a list of them is passed over.
function walkBlocks(blocks, path, depth, visit) {
  if (!Array.isArray(blocks)) return null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b === null || typeof b !== "object") continue;
    let fault = visit(b, path, i, depth);
    if (!fault && b.type === "quote") fault = walkBlocks(b.blocks, `${path}[${i}].blocks`, depth + 1, visit);
    if (!fault && b.type === "list" && Array.isArray(b.items)) {
      for (let j = 0; j < b.items.length && !fault; j++) {
        const item = b.items[j];
        if (item !== null && typeof item === "object") {
          fault = walkBlocks(item.blocks, `${path}[${i}].items[${j}].blocks`, depth + 1, visit);
        }
      }
    }
    if (fault) return fault;
  }
  return null;
}

function tooDeep(b, path, i, depth) {
  return depth > MAX_DEPTH ? [`${path}[${i}]`, `blocks nested more than ${MAX_DEPTH} deep`] : null;
}

// The first block nested too deep, in a document the schema may not have accepted: blocks
// nested some thousands deep overflow the stack of a recursive validator before it gets
// that far. Footnote bodies start one level down.
function depthFault(doc) {
  if (doc === null || typeof doc !== "object") return null;
  const fault = walkBlocks(doc.blocks, "blocks", 0, tooDeep);
  if (fault || !Array.isArray(doc.footnotes)) return fault;
  for (let k = 0; k < doc.footnotes.length; k++) {
    const note = doc.footnotes[k];
    const f = note !== null && typeof note === "object" && walkBlocks(note.blocks, `footnotes[${k}].blocks`, 1, tooDeep);
    if (f) return f;
  }
  return null;
}

// code.lines: one entry per line of text.split("\n"), whose texts concatenate to that line.
function linesFault(block, at) {
  const lines = block.text.split("\n");
  if (block.lines.length !== lines.length) {
    return [`${at}.lines`, `expected ${lines.length} entries (one per line of text), got ${block.lines.length}`];
  }
  for (let i = 0; i < lines.length; i++) {
    let joined = "";
    for (const run of block.lines[i]) joined += run.text;
    if (joined !== lines[i]) return [`${at}.lines[${i}]`, "runs do not add up to the line"];
  }
  return null;
}

// code.body.line_styles: one character per line, "0" + the palette index of the line's style
// (absent: every line takes palette[0], or no style).
function lineStylesFault(body, at) {
  const styles = body.line_styles;
  if (styles === undefined) return null;
  const p = `${at}.body.line_styles`;
  if (styles.length !== body.lines) return [p, `expected ${body.lines} characters (one per line), got ${styles.length}`];
  const size = body.palette === undefined ? 1 : body.palette.length;
  for (let i = 0; i < styles.length; i++) {
    const k = styles.charCodeAt(i) - 48;
    if (k < 0 || k >= size) return [p, `character ${i} is not a palette index (0-${size - 1})`];
  }
  return null;
}

// The checks of one block; headings record their id in `ids` (id -> [path, index]).
function blockFault(b, path, i, depth, ids) {
  if (depth > MAX_DEPTH) return tooDeep(b, path, i, depth);
  if (b.type === "heading") {
    const first = ids.get(b.id);
    if (first) return [`${path}[${i}].id`, `duplicate heading id "${b.id}" (first at ${first[0]}[${first[1]}])`];
    ids.set(b.id, [path, i]);
  } else if (b.type === "code") {
    if (b.body !== undefined) return lineStylesFault(b.body, `${path}[${i}]`);
    if (b.lines !== undefined) return linesFault(b, `${path}[${i}]`);
  }
  return null;
}

function themeFaultOf(meta) {
  if (meta.theme === undefined) return null;
  return themeFault(meta.theme, defaultTheme, "meta.theme") || mergedThemeFault(mergeTheme(defaultTheme, meta.theme), "meta.theme");
}

// The first fault of a document the schema accepted, or null.
function structureFault(doc) {
  const theme = themeFaultOf(doc.meta);
  if (theme) return theme;
  const ids = new Map();
  const visit = (b, path, i, depth) => blockFault(b, path, i, depth, ids);
  const fault = walkBlocks(doc.blocks, "blocks", 0, visit);
  if (fault || doc.footnotes === undefined) return fault;
  const seen = new Map();
  for (let k = 0; k < doc.footnotes.length; k++) {
    const note = doc.footnotes[k];
    if (seen.has(note.id)) return [`footnotes[${k}].id`, `duplicate footnote id "${note.id}" (first at footnotes[${seen.get(note.id)}])`];
    seen.set(note.id, k);
    const f = walkBlocks(note.blocks, `footnotes[${k}].blocks`, 1, visit);
    if (f) return f;
  }
  return null;
}

module.exports = { structureFault, depthFault };
