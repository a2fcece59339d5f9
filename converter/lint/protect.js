"use strict";
// Protection of verbatim content while fixing: the lines of the protected ranges a "fix"
// request names (the users' sources the tools copied) and of the text's code blocks must
// come out unchanged and in order. A fix may insert a blank line at the edge of such a
// region (it changes no content line), never inside it. Line numbers are 1-based.

// A fault of a request (answered as {"error": ...}; the server keeps running).
class RequestError extends Error {}

// The "protected" field of a fix request: [first, last] pairs (1-based, inclusive) within
// the text's nLines lines, sorted, overlapping ones merged.
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

// 0-terminated array: id[L] (1-based) of the region line L is in, 0 if none.
function regionIds(n, ranges) {
  const ids = new Int32Array(n + 2);
  ranges.forEach(([a, b], i) => {
    for (let l = Math.max(1, a); l <= Math.min(n, b); l++) ids[l] = i + 1;
  });
  return ids;
}

function rangeText([a, b]) {
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}


// Where the protected ranges (protOrig: regionIds of protectedRanges in the input's
// numbering; curOrig: the input line of each current line, 0 for an inserted one) and the
// code blocks (`code`, in the current numbering) are in the current text of n lines:
// prot[L] / codeId[L] is the range / block line L is in (0: none), where(L) names it.
function passRegions(n, curOrig, protOrig, protectedRanges, code) {
  const prot = new Int32Array(n + 2);
  for (let l = 1; l <= n; l++) prot[l] = curOrig[l - 1] ? protOrig[curOrig[l - 1]] : 0;
  const codeId = regionIds(n, code);
  const where = (l) => (prot[l] ? `protected range ${rangeText(protectedRanges[prot[l] - 1])}` : codeId[l] ? `code block ${rangeText(code[codeId[l] - 1])}` : null);
  return { prot, codeId, where };
}

// Every line of `ranges` (input numbering) must still be there, unchanged and in order, in
// the fixed text (curLines; curOrig: the input line of each, 0 for an inserted one).
// Returns the first input line that is not, or 0.
function lostLine(origLines, curLines, curOrig, ranges) {
  const posOf = new Int32Array(origLines.length + 2);
  curOrig.forEach((o, i) => {
    if (o) posOf[o] = i + 1;
  });
  const mustKeep = new Uint8Array(origLines.length + 2);
  for (const [a, b] of ranges) for (let l = a; l <= Math.min(b, origLines.length); l++) mustKeep[l] = 1;
  let lastPos = 0;
  for (let l = 1; l <= origLines.length; l++) {
    if (!mustKeep[l]) continue;
    const pos = posOf[l];
    if (!pos || pos <= lastPos || curLines[pos - 1] !== origLines[l - 1]) return l;
    lastPos = pos;
  }
  return 0;
}

module.exports = { RequestError, validateProtected, regionIds, passRegions, lostLine };
