"use strict";
// Hand-written validator for the block JSON contract, schema 1 (docs/json-contract.md).
// validateStructure(doc) returns null when the document is valid, or a message naming
// the JSON path of the first fault, e.g.
//   blocks[12].items[0].blocks[1]: unknown block type "foo"
// Unknown extra keys are ignored (forward compatible); missing or mistyped required
// keys, unknown block types and malformed runs are faults. The optional additions
// (docs/json-contract.md, "Additions") are checked too: colours, task items, code `lines`
// (which must add up to `text` exactly), footnotes and `meta.theme` (against the shape of
// the default theme, converter/theme.js).

const { theme: defaultTheme, mergeTheme, themeFault, mergedThemeFault } = require("./theme");

const BLOCK_TYPES = ["heading", "paragraph", "code", "list", "table", "quote", "rule", "html"];
const ALIGNS = ["left", "center", "right"];
const RUN_KINDS = ["text", "break", "image", "missing_image", "footnote"];
const LINE_RUN_FLAGS = ["bold", "italic"];
const HEX_COLOR = /^[0-9A-Fa-f]{6}$/;
const TEXT_FLAGS = ["bold", "italic", "code", "strike"];
const MAX_DEPTH = 100;

class SchemaError extends Error {
  constructor(path, message) {
    super(`${path || "(root)"}: ${message}`);
    this.name = "SchemaError";
    this.jsonPath = path;
  }
}

function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `number ${v}`;
  return typeof v;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isInt = (v) => typeof v === "number" && Number.isInteger(v);
const join = (path, key) => (path ? `${path}.${key}` : key);

function fail(path, message) {
  throw new SchemaError(path, message);
}

function expectObject(v, path) {
  if (!isObject(v)) fail(path, `expected an object, got ${describe(v)}`);
}

function expectArray(v, path) {
  if (!Array.isArray(v)) fail(path, `expected an array, got ${describe(v)}`);
}

function expectString(obj, key, path, { optional = false, nonEmpty = false } = {}) {
  const p = join(path, key);
  if (!(key in obj) || obj[key] === undefined) {
    if (optional) return;
    fail(p, "missing required key");
  }
  if (typeof obj[key] !== "string") fail(p, `expected a string, got ${describe(obj[key])}`);
  if (nonEmpty && obj[key].trim() === "") fail(p, "must not be empty");
}

function expectBool(obj, key, path, { optional = false } = {}) {
  const p = join(path, key);
  if (!(key in obj)) {
    if (optional) return;
    fail(p, "missing required key");
  }
  if (typeof obj[key] !== "boolean") fail(p, `expected true or false, got ${describe(obj[key])}`);
}

function validateMeta(meta, path) {
  expectObject(meta, path);
  expectString(meta, "title", path);
  expectString(meta, "author", path);
  expectString(meta, "description", path, { optional: true });
  expectString(meta, "created", path);
  expectString(meta, "date", path, { optional: true });
  expectString(meta, "subtitle", path, { optional: true });
  expectBool(meta, "toc", path, { optional: true });
  if ("theme" in meta && meta.theme !== undefined) {
    const fault = themeFault(meta.theme, defaultTheme, join(path, "theme"));
    if (fault) fail(fault[0], fault[1]);
    const merged = mergedThemeFault(mergeTheme(defaultTheme, meta.theme), join(path, "theme"));
    if (merged) fail(merged[0], merged[1]);
  }
}

function expectColor(obj, key, path) {
  if (!(key in obj) || obj[key] === undefined) return;
  const v = obj[key];
  if (typeof v !== "string" || !HEX_COLOR.test(v)) {
    fail(join(path, key), `expected a colour of 6 hex digits (RRGGBB), got ${describe(v)}`);
  }
}

function validateRun(run, path) {
  expectObject(run, path);
  const kinds = RUN_KINDS.filter((k) => k in run);
  if (kinds.length === 0) fail(path, `a run needs one of ${RUN_KINDS.map((k) => `"${k}"`).join(", ")}`);
  if (kinds.length > 1) fail(path, `a run has exactly one of ${kinds.map((k) => `"${k}"`).join(", ")}`);
  const kind = kinds[0];
  if (kind === "text") {
    expectString(run, "text", path);
    for (const flag of TEXT_FLAGS) expectBool(run, flag, path, { optional: true });
    expectString(run, "link", path, { optional: true });
    expectColor(run, "color", path);
  } else if (kind === "break") {
    if (run.break !== true) fail(join(path, "break"), `expected true, got ${describe(run.break)}`);
  } else if (kind === "image") {
    const p = join(path, "image");
    expectObject(run.image, p);
    expectString(run.image, "path", p, { nonEmpty: true });
    for (const dim of ["width", "height"]) {
      const v = run.image[dim];
      if (!(dim in run.image)) fail(join(p, dim), "missing required key");
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
        fail(join(p, dim), `expected a positive number of pixels, got ${describe(v)}`);
      }
    }
    expectString(run.image, "alt", p, { optional: true });
    expectString(run.image, "caption", p, { optional: true });
    expectString(run.image, "fallback", p, { optional: true, nonEmpty: true });
    if ("display_width" in run.image && run.image.display_width !== null) {
      const v = run.image.display_width;
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
        fail(join(p, "display_width"), `expected a positive number of pixels, got ${describe(v)}`);
      }
    }
  } else if (kind === "footnote") {
    if (typeof run.footnote !== "string" || run.footnote === "") {
      fail(join(path, "footnote"), `expected a footnote id (a non-empty string), got ${describe(run.footnote)}`);
    }
  } else {
    const p = join(path, "missing_image");
    expectObject(run.missing_image, p);
    expectString(run.missing_image, "ref", p);
    expectString(run.missing_image, "alt", p, { optional: true });
  }
}

function validateRuns(runs, path) {
  expectArray(runs, path);
  runs.forEach((r, i) => validateRun(r, `${path}[${i}]`));
}

function validateBlocks(blocks, path, state, depth) {
  expectArray(blocks, path);
  blocks.forEach((b, i) => validateBlock(b, `${path}[${i}]`, state, depth));
}

function validateBlock(block, path, state, depth) {
  if (depth > MAX_DEPTH) fail(path, `blocks nested more than ${MAX_DEPTH} deep`);
  expectObject(block, path);
  if (!("type" in block)) fail(join(path, "type"), "missing required key");
  if (typeof block.type !== "string") fail(join(path, "type"), `expected a string, got ${describe(block.type)}`);
  switch (block.type) {
    case "heading": {
      if (!("level" in block)) fail(join(path, "level"), "missing required key");
      if (!isInt(block.level) || block.level < 1 || block.level > 6) {
        fail(join(path, "level"), `expected an integer 1-6, got ${describe(block.level)}`);
      }
      expectString(block, "id", path, { nonEmpty: true });
      if (state.ids.has(block.id)) {
        fail(join(path, "id"), `duplicate heading id "${block.id}" (first at ${state.ids.get(block.id)})`);
      }
      state.ids.set(block.id, path);
      if (!("runs" in block)) fail(join(path, "runs"), "missing required key");
      validateRuns(block.runs, join(path, "runs"));
      break;
    }
    case "paragraph":
      if (!("runs" in block)) fail(join(path, "runs"), "missing required key");
      validateRuns(block.runs, join(path, "runs"));
      break;
    case "code":
      if ("body" in block && block.body !== undefined) {
        validateBody(block, path);
      } else {
        expectString(block, "text", path);
      }
      if ("language" in block && block.language !== null && typeof block.language !== "string") {
        fail(join(path, "language"), `expected a string or null, got ${describe(block.language)}`);
      }
      if ("lines" in block && block.lines !== undefined) validateLines(block, path);
      break;
    case "html":
      expectString(block, "text", path);
      break;
    case "list": {
      expectBool(block, "ordered", path);
      if ("start" in block && block.start !== null) {
        if (!isInt(block.start) || block.start < 0) {
          fail(join(path, "start"), `expected a non-negative integer, got ${describe(block.start)}`);
        }
      }
      if (!("items" in block)) fail(join(path, "items"), "missing required key");
      expectArray(block.items, join(path, "items"));
      block.items.forEach((item, i) => {
        const p = `${path}.items[${i}]`;
        expectObject(item, p);
        expectBool(item, "checked", p, { optional: true });
        if (!("blocks" in item)) fail(join(p, "blocks"), "missing required key");
        validateBlocks(item.blocks, join(p, "blocks"), state, depth + 1);
      });
      break;
    }
    case "table": {
      for (const key of ["align", "header", "rows"]) {
        if (!(key in block)) fail(join(path, key), "missing required key");
      }
      expectString(block, "caption", path, { optional: true });
      expectArray(block.align, join(path, "align"));
      block.align.forEach((a, i) => {
        if (a !== null && !ALIGNS.includes(a)) {
          fail(`${path}.align[${i}]`, `expected "left", "center", "right" or null, got ${describe(a)}`);
        }
      });
      expectArray(block.header, join(path, "header"));
      if (block.header.length === 0) fail(join(path, "header"), "a table needs at least one column");
      block.header.forEach((cell, i) => validateRuns(cell, `${path}.header[${i}]`));
      expectArray(block.rows, join(path, "rows"));
      block.rows.forEach((row, r) => {
        expectArray(row, `${path}.rows[${r}]`);
        row.forEach((cell, c) => validateRuns(cell, `${path}.rows[${r}][${c}]`));
      });
      break;
    }
    case "quote":
      if (!("blocks" in block)) fail(join(path, "blocks"), "missing required key");
      validateBlocks(block.blocks, join(path, "blocks"), state, depth + 1);
      break;
    case "rule":
      break;
    default:
      fail(path, `unknown block type ${JSON.stringify(block.type)} (expected one of ${BLOCK_TYPES.join(", ")})`);
  }
}

// code.body: the block's lines are in a UTF-8 file (lines joined by "\n"), for blocks too big
// to carry in the JSON: {path, offset?, length?, lines, palette?, line_styles?} (offset and
// length in bytes: the lines are that range of the file; default: the whole file). palette: run styles
// ({color?, bold?, italic?}); line_styles: one character per line, "0" + the palette index
// of the line's style (absent: every line takes palette[0], or no style).
function validateBody(block, path) {
  const p = join(path, "body");
  const body = block.body;
  expectObject(body, p);
  if ("lines" in block && block.lines !== undefined) fail(join(path, "lines"), "not allowed with body");
  expectString(body, "path", p, { nonEmpty: true });
  if (!Number.isInteger(body.lines) || body.lines < 1) {
    fail(join(p, "lines"), `expected a whole number of lines >= 1, got ${describe(body.lines)}`);
  }
  for (const key of ["offset", "length"]) {
    if (key in body && body[key] !== undefined && !(Number.isInteger(body[key]) && body[key] >= 0)) {
      fail(join(p, key), `expected a whole number of bytes >= 0, got ${describe(body[key])}`);
    }
  }
  let size = 1;
  if ("palette" in body && body.palette !== undefined) {
    expectArray(body.palette, join(p, "palette"));
    if (body.palette.length < 1 || body.palette.length > 10) fail(join(p, "palette"), "expected 1 to 10 styles");
    body.palette.forEach((style, i) => {
      const sp = `${join(p, "palette")}[${i}]`;
      expectObject(style, sp);
      for (const flag of LINE_RUN_FLAGS) expectBool(style, flag, sp, { optional: true });
      expectColor(style, "color", sp);
    });
    size = body.palette.length;
  }
  if ("line_styles" in body && body.line_styles !== undefined) {
    expectString(body, "line_styles", p);
    const styles = body.line_styles;
    if (styles.length !== body.lines) {
      fail(join(p, "line_styles"), `expected ${body.lines} characters (one per line), got ${styles.length}`);
    }
    for (let i = 0; i < styles.length; i++) {
      const k = styles.charCodeAt(i) - 48;
      if (k < 0 || k >= size) fail(join(p, "line_styles"), `character ${i} is not a palette index (0-${size - 1})`);
    }
  }
}

// code.lines: one entry per line of text.split("\n"), each an array of text runs whose texts
// concatenate to that line exactly.
function validateLines(block, path) {
  const p = join(path, "lines");
  expectArray(block.lines, p);
  const lines = block.text.split("\n");
  if (block.lines.length !== lines.length) {
    fail(p, `expected ${lines.length} entries (one per line of text), got ${block.lines.length}`);
  }
  block.lines.forEach((runs, i) => {
    const lp = `${p}[${i}]`;
    expectArray(runs, lp);
    let joined = "";
    runs.forEach((run, j) => {
      const rp = `${lp}[${j}]`;
      expectObject(run, rp);
      expectString(run, "text", rp);
      for (const flag of LINE_RUN_FLAGS) expectBool(run, flag, rp, { optional: true });
      expectColor(run, "color", rp);
      joined += run.text;
    });
    if (joined !== lines[i]) fail(lp, "runs do not add up to the line");
  });
}

function validateFootnotes(footnotes, path, state) {
  expectArray(footnotes, path);
  const seen = new Map();
  footnotes.forEach((note, i) => {
    const p = `${path}[${i}]`;
    expectObject(note, p);
    expectString(note, "id", p, { nonEmpty: true });
    if (seen.has(note.id)) fail(join(p, "id"), `duplicate footnote id "${note.id}" (first at ${seen.get(note.id)})`);
    seen.set(note.id, p);
    if (!("blocks" in note)) fail(join(p, "blocks"), "missing required key");
    validateBlocks(note.blocks, join(p, "blocks"), state, 1);
  });
}

// Throws SchemaError on the first fault.
function assertValidStructure(doc) {
  expectObject(doc, "");
  if (!("schema" in doc)) fail("schema", "missing required key");
  if (doc.schema !== 1) fail("schema", `unsupported schema ${describe(doc.schema)} (this converter reads schema 1)`);
  if (!("meta" in doc)) fail("meta", "missing required key");
  validateMeta(doc.meta, "meta");
  if (!("blocks" in doc)) fail("blocks", "missing required key");
  const state = { ids: new Map() };
  validateBlocks(doc.blocks, "blocks", state, 0);
  if ("footnotes" in doc && doc.footnotes !== undefined) validateFootnotes(doc.footnotes, "footnotes", state);
}

// Returns null when valid, else the message "<json path>: <what is wrong>".
function validateStructure(doc) {
  try {
    assertValidStructure(doc);
    return null;
  } catch (e) {
    if (e instanceof SchemaError) return e.message;
    throw e;
  }
}

module.exports = { validateStructure, assertValidStructure, SchemaError, BLOCK_TYPES };
