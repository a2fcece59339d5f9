"use strict";
// The "fix" request: markdownlint's own fixes (its fixInfo, applied through its applyFixes)
// for every fixable finding, except those that would change verbatim content
// (./protect.js: a protected range or a code block; a blank line inserted at the edge of one
// is allowed, between two of its lines is not) and, unless "delete_lines" is true, those
// that delete a whole line (MD053's unused definitions may be used in another chapter).
// Fixing repeats (at most MAX_PASSES times) while a pass still applies something, so e.g. a
// heading made by an MD018 fix also gets its blank lines. Every pass predicts where each
// line goes and checks the result line by line; at the end every protected and code-block
// line of the input must still be there, unchanged and in order. If a check fails, the
// input comes back unchanged with every fixable finding skipped and "aborted" saying why.
//
// fixText(text, protectedRanges, {deleteLines}) -> {text, applied, skipped, remaining[, aborted]}

const { loaded } = require("./markdownlint");
const { runLint, toFinding, compareFindings, lintText } = require("./findings");
const { validateProtected, regionIds, passRegions, lostLine } = require("./protect");

const MAX_PASSES = 4;
const NEWLINE_RE = /\r\n?|\n/g;

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

// The input line a current line comes from (curOrig: the input line of each current line,
// 0 for an inserted one): its own, or that of the nearest line above it.
function origLineOf(curOrig, l) {
  for (let i = Math.min(l, curOrig.length) - 1; i >= 0; i--) if (curOrig[i]) return curOrig[i];
  return 1;
}

// The fixes of one pass: which are applied ("accepted"; "merged": the same insertion or
// edit as another accepted fix), which wait for the next pass ("deferred") and which are
// skipped, with why. `state`: the current text (fixText).
function planPass(state, errors, regions, deleteLines) {
  const { prot, codeId, where } = regions;
  const n = state.curLines.length;
  const accepted = [];
  const skipped = [];
  const skip = (e, reason) =>
    skipped.push({ rule: e.ruleNames[0], alias: e.ruleNames[1] || null, line: origLineOf(state.curOrig, e.lineNumber), detail: e.errorDetail || "", reason });
  const gapsTaken = new Map();
  const editsByLine = new Map();

  for (const e of errors) {
    if (!e.fixInfo) continue;
    const fi = normalizeFixInfo(e.fixInfo, e.lineNumber);
    const c = classifyFix(fi, state.curLines);
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
      skip(e, `would change line ${origLineOf(state.curOrig, hit)} inside the ${where(hit)}`);
      continue;
    }
    if (c.kind === "delete" && !deleteLines) {
      skip(e, 'deletes a line (not done unless "delete_lines": true)');
      continue;
    }
    if (!editsByLine.has(fi.lineNumber)) editsByLine.set(fi.lineNumber, []);
    editsByLine.get(fi.lineNumber).push({ e, fi, c });
  }
  const deferred = acceptEdits(editsByLine, accepted);
  return { accepted, deferred, skipped, skip };
}

// Edits on one line must not overlap (applyFixes would silently drop one): the edits that
// fit are added to `accepted`, the rest (returned) wait for the next pass.
function acceptEdits(editsByLine, accepted) {
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
  return deferred;
}

// What the fixes do to the n lines of the text, per line L: lines added right after its
// content (deltaAfter) or before it (shiftSelf), whether it is deleted or edited.
function lineMoves(real, n) {
  const deltaAfter = new Int32Array(n + 2);
  const shiftSelf = new Int32Array(n + 2);
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
  return { deltaAfter, shiftSelf, deleted, edited };
}

// Applies the fixes (`real`: the accepted ones that are not merged) to the current text,
// predicting where every line goes so the result can be checked line by line. Returns the
// new text, its lines and the input line of each, or {failure} when a line is not where
// the prediction puts it.
function applyPass(state, real) {
  const { applyFixes } = loaded();
  const { cur, curLines, curOrig } = state;
  const n = curLines.length;
  const text = applyFixes(
    cur,
    real.map((x) => ({ lineNumber: x.fi.lineNumber, fixInfo: x.fi }))
  );
  const lines = text.split(NEWLINE_RE);
  const { deltaAfter, shiftSelf, deleted, edited } = lineMoves(real, n);
  let shift = 0;
  const orig = new Array(lines.length).fill(0);
  for (let L = 1; L <= n; L++) {
    shift += shiftSelf[L];
    if (!deleted[L]) {
      const pos = L + shift;
      if (pos > lines.length) return { failure: `line ${L} went missing` };
      if (!edited[L] && lines[pos - 1] !== curLines[L - 1]) return { failure: `line ${origLineOf(curOrig, L)} changed unexpectedly` };
      orig[pos - 1] = curOrig[L - 1];
    }
    shift += deltaAfter[L];
  }
  if (n + shift !== lines.length) return { failure: `expected ${n + shift} lines, got ${lines.length}` };
  return { text, lines, orig };
}

// The "applied" entry of an accepted fix, in the input's numbering.
function appliedEntry({ e, fi, c, merged }, state, where) {
  const n = state.curLines.length;
  const lineOf = (l) => origLineOf(state.curOrig, l);
  const entry = { rule: e.ruleNames[0], alias: e.ruleNames[1] || null, line: lineOf(e.lineNumber), detail: e.errorDetail || "" };
  if (c.kind === "gap") {
    const before = c.gap < n ? c.gap + 1 : null;
    const next = [c.gap, c.gap + 1].map((l) => (l >= 1 && l <= n ? where(l) : null)).find(Boolean);
    entry.action = "insert-blank-line";
    entry.note =
      (before ? `blank line inserted before line ${lineOf(before)}` : `blank line inserted after line ${lineOf(c.gap)}`) +
      (next ? `, next to the ${next}` : "") +
      (merged ? " (same insertion as another fix)" : "");
  } else if (c.kind === "delete") {
    entry.action = "delete-line";
    entry.note = `line ${lineOf(fi.lineNumber)} deleted`;
  } else {
    entry.action = "edit";
    entry.note = `line ${lineOf(fi.lineNumber)} edited` + (merged ? " (same edit as another fix)" : "");
  }
  return entry;
}

// fixText(text, protectedRanges, {deleteLines}) -> {text, applied, skipped, remaining[, aborted]}
function fixText(text, protectedRaw, options = {}) {
  loaded();
  const deleteLines = !!options.deleteLines;
  const origLines = text.split(NEWLINE_RE);
  const protectedRanges = validateProtected(protectedRaw, origLines.length);
  const protOrig = regionIds(origLines.length, protectedRanges);
  let origCode = null; // code-block ranges of the input text
  // the current text; curOrig: current line index -> input line number, 0 if inserted
  const state = { cur: text, curLines: origLines, curOrig: origLines.map((_, i) => i + 1) };
  const applied = [];
  let skipped = [];
  let remaining = [];
  const firstFixable = [];

  for (let pass = 1; ; pass++) {
    const { errors, code } = runLint(state.cur);
    if (pass === 1) {
      origCode = code;
      for (const e of errors) if (e.fixInfo) firstFixable.push(e);
    }
    const regions = passRegions(state.curLines.length, state.curOrig, protOrig, protectedRanges, code);
    const plan = planPass(state, errors, regions, deleteLines);
    if (!plan.accepted.some((x) => !x.merged) || pass > MAX_PASSES) {
      remaining = errors.map((e) => toFinding(e, 0)).sort(compareFindings);
      const why = pass > MAX_PASSES ? `not applied: stopped after ${MAX_PASSES} passes` : null;
      for (const x of plan.deferred) plan.skip(x.e, why || "overlaps another fix on the same line");
      if (why) for (const x of plan.accepted) plan.skip(x.e, why);
      skipped = plan.skipped;
      break;
    }
    const next = applyPass(state, plan.accepted.filter((x) => !x.merged));
    if (next.failure) return abort(text, firstFixable, `internal check failed in pass ${pass}: ${next.failure}`);
    for (const x of plan.accepted) applied.push(appliedEntry(x, state, regions.where));
    state.cur = next.text;
    state.curLines = next.lines;
    state.curOrig = next.orig;
  }

  const lost = lostLine(origLines, state.curLines, state.curOrig, protectedRanges.concat(origCode || []));
  if (lost) return abort(text, firstFixable, `protected line ${lost} would not survive unchanged`);
  const byLine = (a, b) => a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
  return { text: state.cur, applied: applied.sort(byLine), skipped: skipped.sort(byLine), remaining };
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

module.exports = { fixText };
