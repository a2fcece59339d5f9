#!/usr/bin/env node
"use strict";
// markdownlint for docgen's generated markdown.
//
//   node converter/lint.js --server   JSON lines on stdin/stdout, one object per line each way;
//                                     exits 0 at end of input.
//   node converter/lint.js FILE.md    prints the findings as JSON; exit 0 if none, 1 if any,
//                                     2 on a usage or read error.
//
// Requests and answers (the "id" is echoed back, any JSON value):
//   {"id":1,"op":"lint","text":"...","first_line":120}
//     -> {"id":1,"findings":[{"rule":"MD001","alias":"heading-increment","line":125,"column":null,
//          "detail":"Expected: h2; Actual: h3","context":"","description":"...","severity":"error",
//          "fixable":false}, ...]}
//     line = line in text + first_line - 1 (first_line defaults to 1); sorted by line, rule, column.
//   {"id":2,"op":"fix","text":"...","protected":[[10,42],[50,50]],"delete_lines":false}
//     -> {"id":2,"text":"...","applied":[...],"skipped":[...],"remaining":[...]}
//     Applies markdownlint's own fixInfo (through its applyFixes) for every fixable finding except
//     those that would change a line inside a protected range (1-based, inclusive, in the text's
//     own numbering) or inside a fenced/indented code block. Inserting a blank line at the edge of
//     such a range (MD022/MD031/MD032/MD058/MD047) changes no content line and is allowed; inserting
//     one between two lines of the same range is not. Fixes that delete a whole line (MD053's unused
//     definitions, which may be used in another chapter) are skipped unless "delete_lines": true.
//     Fixing repeats (at most MAX_PASSES times) while a pass still applies something, so e.g. a
//     heading made by an MD018 fix also gets its blank lines. "applied"/"skipped" entries are
//     {rule, alias, line, detail, action, note} (skipped: {rule, alias, line, detail, reason}) with
//     lines in the input text's numbering; "remaining" holds the findings of the fixed text (its own
//     numbering). Afterwards every protected line and every code-block line of the input must still
//     be there, unchanged and in order; if not, the input text comes back unchanged, "applied" is
//     empty, every fixable finding is in "skipped" and "aborted" says why.
//   {"id":3,"op":"version"} -> {"id":3,"markdownlint":"0.40.0","config":"<path>","table_patch":true}
//   Anything malformed -> {"id":<id or null>,"error":"..."}; the server keeps running.
//
// Rule choice: see the "_comment" key of converter/markdownlint.json (markdownlint ignores keys
// that name no rule). Two deliberate differences from plain markdownlint:
//   * inline configuration comments (<!-- markdownlint-disable ... -->) are ignored: they come from
//     users' verbatim sources and would otherwise switch rules off for the rest of the document;
//   * MD055 "consistent" is checked per table instead of per document (tables come from different
//     sources); an explicit MD055 style in the config is left to markdownlint.
//   * micromark's GFM table parser is quadratic in the document's table cell count; lint.js
//     patches that in its own process (see patchGfmTableEditMap).
// applyFixes is exported by the package root ("markdownlint" -> lib/exports.mjs: applyFix,
// applyFixes, getVersion); lint/readConfig come from "markdownlint/sync".
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const CONFIG_PATH = path.join(__dirname, "markdownlint.json");
const MAX_PASSES = 4;
const NEWLINE_RE = /\r\n?|\n/g;
const CAPTURE_RULE = "docgen-capture";

let ml = null; // { lint, readConfig, applyFixes, getVersion }
let config = null;

// markdownlint is ESM only; node >= 20.19 can require() it, older node needs import().
async function load() {
  if (ml) return ml;
  let sync;
  let root;
  try {
    sync = require("markdownlint/sync");
    root = require("markdownlint");
  } catch (err) {
    if (err.code !== "ERR_REQUIRE_ESM" && err.code !== "ERR_REQUIRE_ASYNC_MODULE") throw err;
    sync = await import("markdownlint/sync");
    root = await import("markdownlint");
  }
  ml = { lint: sync.lint, readConfig: sync.readConfig, applyFixes: root.applyFixes, getVersion: root.getVersion };
  config = ml.readConfig(CONFIG_PATH);
  ml.tablePatch = await patchGfmTableEditMap();
  return ml;
}

// micromark-extension-gfm-table's EditMap.add looks for an existing entry at the same index by
// scanning all entries, and the table resolver adds several per cell of the whole document, so a
// document with many tables parses in time quadratic in its cell count (512 KB of small tables:
// 390 s). The same class in markdown-rs: https://github.com/wooorm/markdown-rs/issues/218.
// Replace add() (in this process only) by the same operation with an index; consume() and the
// result are unchanged. Returns whether the patch is in place.
async function patchGfmTableEditMap() {
  let EditMap;
  try {
    const { createRequire } = require("module");
    const { pathToFileURL } = require("url");
    const fromMarkdownlint = createRequire(require.resolve("markdownlint"));
    const entry = fromMarkdownlint.resolve("micromark-extension-gfm-table");
    ({ EditMap } = await import(pathToFileURL(path.join(path.dirname(entry), "lib", "edit-map.js")).href));
  } catch {
    return false;
  }
  if (typeof EditMap !== "function" || typeof EditMap.prototype.add !== "function") return false;
  if (EditMap.prototype.add.docgenIndexed) return true;
  const indexedAdd = function add(index, remove, add) {
    if (remove === 0 && add.length === 0) return;
    if (this.docgenIndex === undefined || this.docgenIndexLength !== this.map.length) {
      // First use, or consume() emptied the map.
      this.docgenIndex = new Map();
      for (const item of this.map) if (!this.docgenIndex.has(item[0])) this.docgenIndex.set(item[0], item);
      this.docgenIndexLength = this.map.length;
    }
    const item = this.docgenIndex.get(index);
    if (item) {
      item[1] += remove;
      item[2].push(...add);
      return;
    }
    const created = [index, remove, add];
    this.map.push(created);
    this.docgenIndex.set(index, created);
    this.docgenIndexLength = this.map.length;
  };
  indexedAdd.docgenIndexed = true;
  EditMap.prototype.add = indexedAdd;
  return true;
}

function loaded() {
  if (!ml) throw new Error("lint.js: call and await load() first");
  return ml;
}

// ---------------------------------------------------------------------------------------------
// Linting

// A rule that reports nothing: it records where the code blocks and tables are, from the same
// micromark parse the real rules use. Set before each lint() call, read right after (lint is sync).
let captured = null;

const LEAF_TYPES = new Set(["content", "paragraph", "atxHeading", "setextHeading", "htmlFlow", "thematicBreak", "definition"]);

const captureRule = {
  names: [CAPTURE_RULE],
  description: "docgen: records code blocks and tables (reports nothing)",
  tags: ["docgen"],
  parser: "micromark",
  function(params) {
    const offset = params.frontMatterLines.length;
    const code = [];
    const tables = [];
    const stack = [params.parsers.micromark.tokens];
    while (stack.length) {
      for (const token of stack.pop()) {
        if (token.type === "codeFenced" || token.type === "codeIndented") {
          code.push([token.startLine + offset, token.endLine + offset]);
        } else if (token.type === "table") {
          tables.push(token);
        } else if (!LEAF_TYPES.has(token.type) && token.children.length) {
          stack.push(token.children);
        }
      }
    }
    captured = { code, tables, offset };
  },
};

function ruleSetting(cfg, names) {
  let value;
  for (const [key, v] of Object.entries(cfg)) if (names.includes(key.toUpperCase())) value = v;
  if (value === undefined) {
    const def = Object.entries(cfg).find(([k]) => k.toUpperCase() === "DEFAULT");
    return def === undefined || def[1] ? {} : false;
  }
  return value;
}

function tableRowStyle(row) {
  const nonWs = (tokens) => tokens.filter((t) => t.type !== "linePrefix" && t.type !== "whitespace");
  const firstCell = row.children[0];
  const lastCell = row.children[row.children.length - 1];
  const lead = nonWs(firstCell.children)[0];
  const trailItems = nonWs(lastCell.children);
  const trail = trailItems[trailItems.length - 1];
  const leading = !!lead && lead.type === "tableCellDivider";
  const trailing = !!trail && trail.type === "tableCellDivider";
  const style = leading ? (trailing ? "leading_and_trailing" : "leading_only") : trailing ? "trailing_only" : "no_leading_or_trailing";
  return { style, leading, trailing, firstCell, lastCell };
}

// MD055 with style "consistent", each table judged against its own first row.
function md055PerTable(tables, offset, severity) {
  const errors = [];
  const add = (line, expected, actual, detail, range) =>
    errors.push({
      lineNumber: line + offset,
      ruleNames: ["MD055", "table-pipe-style"],
      ruleDescription: "Table pipe style",
      errorDetail: `Expected: ${expected}; Actual: ${actual}; ${detail}`,
      errorContext: null,
      errorRange: range,
      fixInfo: null,
      severity,
    });
  for (const table of tables) {
    const rows = [];
    for (const part of table.children) {
      if (part.type === "tableRow" || part.type === "tableDelimiterRow") rows.push(part);
      else if (part.type === "tableHead" || part.type === "tableBody") {
        for (const row of part.children) if (row.type === "tableRow" || row.type === "tableDelimiterRow") rows.push(row);
      }
    }
    let expected = null;
    for (const row of rows) {
      const actual = tableRowStyle(row);
      if (!expected) expected = actual;
      if (actual.leading !== expected.leading) {
        add(actual.firstCell.startLine, expected.style, actual.style, `${expected.leading ? "Missing" : "Unexpected"} leading pipe`, [
          row.startColumn,
          actual.firstCell.startColumn - row.startColumn + 1,
        ]);
      }
      if (actual.trailing !== expected.trailing) {
        add(actual.lastCell.endLine, expected.style, actual.style, `${expected.trailing ? "Missing" : "Unexpected"} trailing pipe`, [
          actual.lastCell.endColumn - 1,
          row.endColumn - actual.lastCell.endColumn + 1,
        ]);
      }
    }
  }
  return errors;
}

// Lints text; returns markdownlint's error objects (lines in the text's numbering) and the
// code-block ranges.
function runLint(text) {
  const { lint } = loaded();
  captured = null;
  const cfg = { ...config, [CAPTURE_RULE]: true };
  const result = lint({ strings: { text }, config: cfg, customRules: [captureRule], noInlineConfig: true });
  const cap = captured || { code: [], tables: [], offset: 0 };
  captured = null;
  let errors = result.text;
  const md055 = ruleSetting(config, ["MD055", "TABLE-PIPE-STYLE"]);
  if (md055 && String((typeof md055 === "object" && md055.style) || "consistent") === "consistent") {
    const severity = md055 === "warning" || md055.severity === "warning" ? "warning" : "error";
    errors = errors.filter((e) => e.ruleNames[0] !== "MD055").concat(md055PerTable(cap.tables, cap.offset, severity));
  }
  return { errors, code: cap.code };
}

function compareFindings(a, b) {
  return a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.column || 0) - (b.column || 0);
}

function toFinding(e, offset) {
  return {
    rule: e.ruleNames[0],
    alias: e.ruleNames[1] || null,
    line: e.lineNumber + offset,
    column: e.errorRange ? e.errorRange[0] : null,
    detail: e.errorDetail || "",
    context: e.errorContext || "",
    description: e.ruleDescription,
    severity: e.severity || "error",
    fixable: !!e.fixInfo,
  };
}

function lintText(text, firstLine = 1) {
  const { errors } = runLint(text);
  return errors.map((e) => toFinding(e, firstLine - 1)).sort(compareFindings);
}

// ---------------------------------------------------------------------------------------------
// Fixing

function normalizeFixInfo(fixInfo, lineNumber) {
  return {
    lineNumber: fixInfo.lineNumber || lineNumber,
    editColumn: fixInfo.editColumn || 1,
    deleteCount: fixInfo.deleteCount || 0,
    insertText: fixInfo.insertText || "",
  };
}

const BLANK_LINES_RE = /^([ \t>]*\n)+$/; // blank lines, possibly with a blockquote prefix
const countNewlines = (s) => (s.match(/\n/g) || []).length;

// What a fix does: "gap" = inserts blank line(s) between line gap and gap+1 (changing no line),
// "delete" = deletes line L, "edit" = changes the text of line L.
function classifyFix(fi, lines) {
  if (fi.deleteCount === -1) return { kind: "delete" };
  if (fi.deleteCount === 0 && BLANK_LINES_RE.test(fi.insertText)) {
    if (fi.editColumn === 1) return { kind: "gap", gap: fi.lineNumber - 1 };
  }
  if (fi.deleteCount === 0 && /^\n+$/.test(fi.insertText)) {
    const line = lines[fi.lineNumber - 1];
    if (line !== undefined && fi.editColumn === line.length + 1) return { kind: "gap", gap: fi.lineNumber };
  }
  return { kind: "edit" };
}

// 0-terminated array: id[L] (1-based) of the region line L is in, 0 if none.
function regionIds(n, ranges) {
  const ids = new Int32Array(n + 2);
  ranges.forEach(([a, b], i) => {
    for (let l = Math.max(1, a); l <= Math.min(n, b); l++) ids[l] = i + 1;
  });
  return ids;
}

function validateProtected(raw, nLines) {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new RequestError('"protected" must be an array of [first, last] line pairs');
  const ranges = raw.map((r) => {
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isInteger) || r[0] < 1 || r[1] < r[0]) {
      throw new RequestError(`bad protected range ${JSON.stringify(r)}: expected [first, last] with 1 <= first <= last`);
    }
    if (r[0] > nLines) throw new RequestError(`protected range ${JSON.stringify(r)} starts after the end of the text (${nLines} lines)`);
    return [r[0], Math.min(r[1], nLines)];
  });
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged = []; // overlapping ranges merge; adjacent ones stay separate ranges
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

function rangeText([a, b]) {
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

// fixText(text, protectedRanges, {deleteLines}) -> {text, applied, skipped, remaining[, aborted]}
function fixText(text, protectedRaw, options = {}) {
  const { applyFixes } = loaded();
  const deleteLines = !!options.deleteLines;
  const origLines = text.split(NEWLINE_RE);
  const protectedRanges = validateProtected(protectedRaw, origLines.length);
  const protOrig = regionIds(origLines.length, protectedRanges);
  let origCode = null; // code-block ranges of the input text

  let cur = text;
  let curLines = origLines;
  let curOrig = origLines.map((_, i) => i + 1); // current line index -> input line number, 0 if inserted
  const applied = [];
  let skipped = [];
  let remaining = [];
  const firstFixable = [];

  const origLineOf = (l) => {
    for (let i = Math.min(l, curOrig.length) - 1; i >= 0; i--) if (curOrig[i]) return curOrig[i];
    return 1;
  };

  for (let pass = 1; ; pass++) {
    const { errors, code } = runLint(cur);
    if (pass === 1) {
      origCode = code;
      for (const e of errors) if (e.fixInfo) firstFixable.push(e);
    }
    const n = curLines.length;
    const prot = new Int32Array(n + 2);
    for (let l = 1; l <= n; l++) prot[l] = curOrig[l - 1] ? protOrig[curOrig[l - 1]] : 0;
    const codeId = regionIds(n, code);
    const where = (l) => (prot[l] ? `protected range ${rangeText(protectedRanges[prot[l] - 1])}` : codeId[l] ? `code block ${rangeText(code[codeId[l] - 1])}` : null);

    const accepted = [];
    const passSkipped = [];
    const skip = (e, reason) =>
      passSkipped.push({ rule: e.ruleNames[0], alias: e.ruleNames[1] || null, line: origLineOf(e.lineNumber), detail: e.errorDetail || "", reason });
    const gapsTaken = new Map();
    const editsByLine = new Map();

    for (const e of errors) {
      if (!e.fixInfo) continue;
      const fi = normalizeFixInfo(e.fixInfo, e.lineNumber);
      const c = classifyFix(fi, curLines);
      if (c.kind === "gap") {
        const g = c.gap;
        const inside = g >= 1 && g < n && ((prot[g] && prot[g] === prot[g + 1]) || (codeId[g] && codeId[g] === codeId[g + 1]));
        if (inside) {
          skip(e, `would insert a blank line inside the ${where(g)}`);
          continue;
        }
        if (gapsTaken.has(g)) {
          accepted.push({ e, fi, c, merged: true });
          continue;
        }
        gapsTaken.set(g, true);
        accepted.push({ e, fi, c });
        continue;
      }
      const touched = [...new Set([e.lineNumber, fi.lineNumber])];
      const hit = touched.find((l) => where(l));
      if (hit !== undefined) {
        skip(e, `would change line ${origLineOf(hit)} inside the ${where(hit)}`);
        continue;
      }
      if (c.kind === "delete" && !deleteLines) {
        skip(e, 'deletes a line (not done unless "delete_lines": true)');
        continue;
      }
      if (!editsByLine.has(fi.lineNumber)) editsByLine.set(fi.lineNumber, []);
      editsByLine.get(fi.lineNumber).push({ e, fi, c });
    }
    // Edits on one line must not overlap (applyFixes would silently drop one); the rest wait for
    // the next pass.
    const deferred = [];
    for (const edits of editsByLine.values()) {
      if (edits.some((x) => x.c.kind === "delete")) {
        const del = edits.find((x) => x.c.kind === "delete");
        accepted.push(del);
        for (const x of edits) if (x !== del) deferred.push(x);
        continue;
      }
      edits.sort((x, y) => y.fi.editColumn - x.fi.editColumn || y.fi.insertText.length - x.fi.insertText.length);
      let lastEdit = null;
      for (const x of edits) {
        const { editColumn, deleteCount, insertText } = x.fi;
        if (lastEdit) {
          const same = lastEdit.editColumn === editColumn && lastEdit.deleteCount === deleteCount && lastEdit.insertText === insertText;
          const fits = editColumn - 1 + deleteCount <= lastEdit.editColumn - 1 - (deleteCount > 0 ? 0 : 1);
          if (same) {
            accepted.push({ ...x, merged: true });
            continue;
          }
          if (!fits) {
            deferred.push(x);
            continue;
          }
        }
        accepted.push(x);
        lastEdit = x.fi;
      }
    }

    if (!accepted.some((x) => !x.merged) || pass > MAX_PASSES) {
      remaining = errors.map((e) => toFinding(e, 0)).sort(compareFindings);
      const why = pass > MAX_PASSES ? `not applied: stopped after ${MAX_PASSES} passes` : null;
      for (const x of deferred) skip(x.e, why || "overlaps another fix on the same line");
      if (why) for (const x of accepted) skip(x.e, why);
      skipped = passSkipped;
      break;
    }

    // Apply, predicting where every line goes so the result can be checked line by line.
    const real = accepted.filter((x) => !x.merged);
    const newText = applyFixes(
      cur,
      real.map((x) => ({ lineNumber: x.fi.lineNumber, fixInfo: x.fi }))
    );
    const newLines = newText.split(NEWLINE_RE);
    const deltaAfter = new Int32Array(n + 2); // lines added right after line L's content
    const shiftSelf = new Int32Array(n + 2); // lines added before line L's content
    const deleted = new Uint8Array(n + 2);
    const edited = new Uint8Array(n + 2);
    for (const { fi, c } of real) {
      const L = fi.lineNumber;
      if (c.kind === "delete") {
        deleted[L] = 1;
        deltaAfter[L] -= 1;
      } else if (c.kind === "gap") {
        const k = countNewlines(fi.insertText);
        if (c.gap === L - 1) shiftSelf[L] += k;
        else deltaAfter[L] += k;
      } else {
        edited[L] = 1;
        deltaAfter[L] += countNewlines(fi.insertText);
      }
    }
    const failure = (why) => ({ ok: false, why });
    let check = { ok: true };
    let shift = 0;
    const newOrig = new Array(newLines.length).fill(0);
    for (let L = 1; L <= n; L++) {
      shift += shiftSelf[L];
      if (!deleted[L]) {
        const pos = L + shift;
        if (pos > newLines.length) {
          check = failure(`line ${L} went missing`);
          break;
        }
        if (!edited[L] && newLines[pos - 1] !== curLines[L - 1]) {
          check = failure(`line ${origLineOf(L)} changed unexpectedly`);
          break;
        }
        newOrig[pos - 1] = curOrig[L - 1];
      }
      shift += deltaAfter[L];
    }
    if (check.ok && n + shift !== newLines.length) check = failure(`expected ${n + shift} lines, got ${newLines.length}`);
    if (!check.ok) return abort(text, firstFixable, `internal check failed in pass ${pass}: ${check.why}`);

    for (const { e, fi, c, merged } of accepted) {
      const entry = { rule: e.ruleNames[0], alias: e.ruleNames[1] || null, line: origLineOf(e.lineNumber), detail: e.errorDetail || "" };
      if (c.kind === "gap") {
        const before = c.gap < n ? c.gap + 1 : null;
        const next = [c.gap, c.gap + 1].map((l) => (l >= 1 && l <= n ? where(l) : null)).find(Boolean);
        entry.action = "insert-blank-line";
        entry.note =
          (before ? `blank line inserted before line ${origLineOf(before)}` : `blank line inserted after line ${origLineOf(c.gap)}`) +
          (next ? `, next to the ${next}` : "") +
          (merged ? " (same insertion as another fix)" : "");
      } else if (c.kind === "delete") {
        entry.action = "delete-line";
        entry.note = `line ${origLineOf(fi.lineNumber)} deleted`;
      } else {
        entry.action = "edit";
        entry.note = `line ${origLineOf(fi.lineNumber)} edited` + (merged ? " (same edit as another fix)" : "");
      }
      applied.push(entry);
    }
    cur = newText;
    curLines = newLines;
    curOrig = newOrig;
  }

  // Every protected line and every code-block line of the input must still be there, unchanged
  // and in order.
  const posOf = new Int32Array(origLines.length + 2);
  curOrig.forEach((o, i) => {
    if (o) posOf[o] = i + 1;
  });
  const mustKeep = new Uint8Array(origLines.length + 2);
  for (const [a, b] of protectedRanges.concat(origCode || [])) for (let l = a; l <= Math.min(b, origLines.length); l++) mustKeep[l] = 1;
  let lastPos = 0;
  for (let l = 1; l <= origLines.length; l++) {
    if (!mustKeep[l]) continue;
    const pos = posOf[l];
    if (!pos || pos <= lastPos || curLines[pos - 1] !== origLines[l - 1]) {
      return abort(text, firstFixable, `protected line ${l} would not survive unchanged`);
    }
    lastPos = pos;
  }
  const byLine = (a, b) => a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
  return { text: cur, applied: applied.sort(byLine), skipped: skipped.sort(byLine), remaining };
}

function abort(text, fixable, why) {
  const skipped = fixable.map((e) => ({
    rule: e.ruleNames[0],
    alias: e.ruleNames[1] || null,
    line: e.lineNumber,
    detail: e.errorDetail || "",
    reason: why,
  }));
  return { text, applied: [], skipped, remaining: lintText(text), aborted: why };
}

// ---------------------------------------------------------------------------------------------
// Server and command line

class RequestError extends Error {}

function handleLine(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `invalid JSON: ${err.message}` };
  }
  if (!req || typeof req !== "object" || Array.isArray(req)) return { id: null, error: "a request must be a JSON object" };
  const id = req.id === undefined ? null : req.id;
  try {
    if (req.op === "lint" || req.op === "fix") {
      if (typeof req.text !== "string") throw new RequestError('"text" must be a string');
    }
    if (req.op === "lint") {
      const firstLine = req.first_line === undefined || req.first_line === null ? 1 : req.first_line;
      if (!Number.isInteger(firstLine) || firstLine < 1) throw new RequestError('"first_line" must be an integer >= 1');
      return { id, findings: lintText(req.text, firstLine) };
    }
    if (req.op === "fix") {
      if (req.delete_lines !== undefined && typeof req.delete_lines !== "boolean") throw new RequestError('"delete_lines" must be true or false');
      return { id, ...fixText(req.text, req.protected, { deleteLines: req.delete_lines }) };
    }
    if (req.op === "version") return { id, markdownlint: loaded().getVersion(), config: CONFIG_PATH, table_patch: loaded().tablePatch };
    throw new RequestError(`unknown op ${JSON.stringify(req.op)} (expected "lint", "fix" or "version")`);
  } catch (err) {
    return { id, error: err instanceof RequestError ? err.message : `internal error: ${err && err.stack ? err.stack.split("\n")[0] : err}` };
  }
}

function serve() {
  process.stdout.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    process.stdout.write(JSON.stringify(handleLine(line)) + "\n");
  });
  rl.on("close", () => {
    process.exitCode = 0;
  });
}

async function main(argv) {
  const usage = "usage: node converter/lint.js --server | FILE.md";
  if (argv.length !== 1 || argv[0] === "-h" || argv[0] === "--help") {
    process.stderr.write(usage + "\n");
    return argv[0] === "-h" || argv[0] === "--help" ? 0 : 2;
  }
  await load();
  if (argv[0] === "--server") {
    serve();
    return null;
  }
  let text;
  try {
    text = fs.readFileSync(argv[0], "utf8");
  } catch (err) {
    process.stderr.write(`lint.js: cannot read ${argv[0]}: ${err.message}\n`);
    return 2;
  }
  const findings = lintText(text);
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  return findings.length ? 1 : 0;
}

module.exports = { load, lintText, fixText, handleLine, CONFIG_PATH };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== null) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`lint.js: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    }
  );
}
