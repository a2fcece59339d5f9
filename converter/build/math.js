"use strict";
// TeX math runs ({"math": TeX, "display"?: true}, docs/json-contract.md) -> Word equations
// (OMML): temml turns the TeX into MathML, mathml2omml the MathML into OMML, and the OMML
// goes into the paragraph as an imported XML element (docx-js's own Math classes cover a
// small part of what TeX writes). A formula that does not convert (a TeX error, a command
// temml does not know, too long, nested too deep) is shown as inline code, or as a code
// block when it stood alone, and is reported on stdout (see index.js) for the run's warnings.
//
// mathml2omml writes the text it decoded without escaping it again, so the MathML's `&` are
// escaped once more before it reads them; its output is then checked (well-formed, only
// m:/w: elements, bounded depth) before it enters the document.

const { ImportedXmlComponent } = require("docx");

// loaded on the first formula: 0.1-0.2 s that a document without math does not pay
let engines = null;
function load() {
  if (!engines) engines = { temml: require("temml"), mml2omml: require("mathml2omml").mml2omml };
  return engines;
}

const MAX_TEX = 20000; // characters of TeX in one formula
const MAX_DEPTH = 60; // nesting of the OMML elements (docx-js serialises recursively)
const CACHE_MAX = 2000;

const TEMML = { throwOnError: true, trust: false, strict: false, maxExpand: 300, xml: false };

const cache = new Map(); // "d"/"i" + TeX -> {xml} | {error}

function depthOf(xml) {
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(/<(\/?)[A-Za-z][^>]*?(\/?)>/g)) {
    if (m[1]) depth -= 1;
    else if (!m[2]) max = Math.max(max, ++depth);
  }
  return max;
}

// The nesting depth of an element from a token on (tokens: tags and texts), and where the
// element ends (the index after its last token).
function elementEnd(tokens, i) {
  if (!tokens[i].startsWith("<") || tokens[i].endsWith("/>")) return i + 1;
  let depth = 0;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t.startsWith("<") || t.endsWith("/>")) continue;
    depth += t.startsWith("</") ? -1 : 1;
    if (depth === 0) return k + 1;
  }
  return tokens.length;
}

// a run that ends an operator's body: a relation in it, or a + − , ; at its start
const RELATION = /^<m:r>.*<m:t[^>]*>(?:[^<]*(?:[=≤≥≈≠≡∼→]|&lt;|&gt;)|\s*[+\-−±,;])/;

// mathml2omml leaves the body of an n-ary operator (∑, ∫, ∏…) empty when what follows it is
// not one MathML row: the elements after it, up to a relation, a + or − or a comma at the
// same level, become its body (Word and LibreOffice draw an empty body as a box).
function fillNaryBodies(omml) {
  if (!omml.includes("<m:e/></m:nary>")) return omml;
  const tokens = omml.match(/<[^>]+>|[^<]+/g);
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === "<m:e/>" && tokens[i + 1] === "</m:nary>") {
      let k = i + 2;
      const body = [];
      while (k < tokens.length && !tokens[k].startsWith("</")) {
        const end = elementEnd(tokens, k);
        const element = tokens.slice(k, end).join("");
        if (RELATION.test(element)) break;
        body.push(element);
        k = end;
      }
      out.push(body.length ? `<m:e>${fillNaryBodies(body.join(""))}</m:e>` : "<m:e/>", "</m:nary>");
      i = k - 1;
      continue;
    }
    out.push(tokens[i]);
  }
  return out.join("");
}

// OMML for a formula, or the reason it has none.
function convert(tex, display) {
  if (tex.length > MAX_TEX) return { error: `longer than ${MAX_TEX} characters` };
  let mml;
  try {
    mml = load().temml.renderToString(tex, { ...TEMML, displayMode: display });
  } catch (e) {
    const msg = e && e.message ? String(e.message) : String(e);
    // temml's message ends with the TeX, its fault underlined: the reason is enough
    const reason = msg.replace(/\u0332/g, "").replace(/\s+/g, " ").replace(/ at position \d+:.*$/, "");
    return { error: reason.replace(/^ParseError:\s*/, "").trim().slice(0, 200) };
  }
  let omml;
  try {
    omml = load().mml2omml(mml.replace(/&/g, "&amp;"));
  } catch (e) {
    return { error: `MathML to OMML: ${(e && e.message) || e}`.slice(0, 200) };
  }
  // values mathml2omml writes that Word's schema does not allow
  omml = omml.replace(/<m:sty m:val="undefined"\/>/g, "").replace(/<w:rPr\/>/g, "");
  omml = fillNaryBodies(omml.replace(/[\u2061-\u2064]/g, "")); // invisible operators
  if (!omml.startsWith("<m:oMath")) return { error: "no equation produced" };
  for (const m of omml.matchAll(/<\/?([^\s/>]+)/g)) {
    if (!/^[mw]:[A-Za-z]+$/.test(m[1])) return { error: `unexpected element <${m[1]}>` };
  }
  if (depthOf(omml) > MAX_DEPTH) return { error: `nested deeper than ${MAX_DEPTH} levels` };
  return { xml: omml };
}

function cached(tex, display) {
  const key = (display ? "d" : "i") + tex;
  let hit = cache.get(key);
  if (!hit) {
    hit = convert(tex, display);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

// The docx-js child for an equation (inline m:oMath, or m:oMathPara for a display formula
// on its own), or null with the failure recorded on the builder.
function equation(builder, run, alone) {
  const got = cached(run.math, alone);
  if (got.error) {
    builder.mathFailures.push({ tex: run.math, display: !!run.display, reason: got.error });
    return null;
  }
  const xml = alone ? `<m:oMathPara>${got.xml}</m:oMathPara>` : got.xml;
  try {
    return ImportedXmlComponent.fromXmlString(xml);
  } catch (e) {
    builder.mathFailures.push({ tex: run.math, display: !!run.display, reason: `invalid OMML: ${e.message}` });
    return null;
  }
}

// The text a formula that did not convert is shown with, as it was written.
function sourceText(run) {
  const d = run.display ? "$$" : "$";
  return `${d}${run.math}${d}`;
}

module.exports = { equation, sourceText, convert };
