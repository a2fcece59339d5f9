"use strict";
// What docx's page-number estimator (docx/layout) is given to lay out (issue 21).
//
// The estimator measures every character of every line: a code line costs it about 3 ms,
// and a 330-line log took 0.9 s of the example folder's 1.8 s in the converter. A code
// line that fits its line is one line of the same height whatever it says, so the
// estimator is given a copy of the formatted body in which each such line (a SourceCode or
// LogOutput paragraph of printable ASCII text in plain or coloured runs, no tab, break,
// field or direct indent, at most `maxChars` characters) holds one character instead. The
// document itself is not changed. `maxChars` keeps a tenth of the line's width spare, so a
// line near the edge is laid out as it is. A test compares the page numbers estimated with
// and without the copy (converter/test/build/estimate.test.js).

const CODE_STYLES = new Set(["SourceCode", "LogOutput"]);
const PLAIN_RUN_PROPS = new Set(["w:color", "w:b", "w:bCs", "w:i", "w:iCs", "w:u"]);
const PRINTABLE = /^[\x20-\x7e]*$/;
const ONE_CHARACTER = { "w:r": [{ "w:t": [{ _attr: { "xml:space": "preserve" } }, "x"] }] };

// How many Consolas characters a code line holds for sure: 90% of the text width less the
// code style's right indent, in the theme's character width.
function codeLineChars(theme, textWidth) {
  const usable = textWidth - theme.code.border.space * 20;
  return Math.floor((0.9 * usable) / theme.code.charWidth);
}

function styleOf(pPr) {
  for (const item of pPr) {
    const style = item["w:pStyle"];
    if (style && style._attr) return style._attr["w:val"];
  }
  return undefined;
}

// The characters of a code line's runs, or -1 if it is not a plain one-line code line.
function plainLength(paragraph) {
  let length = 0;
  for (let i = 1; i < paragraph.length; i++) {
    const run = paragraph[i]["w:r"];
    if (!Array.isArray(run)) return -1;
    for (const part of run) {
      if (part["w:rPr"] !== undefined) {
        const props = part["w:rPr"];
        if (!Array.isArray(props) || !props.every((p) => Object.keys(p).every((k) => PLAIN_RUN_PROPS.has(k)))) return -1;
        continue;
      }
      const text = part["w:t"];
      if (!Array.isArray(text)) return -1; // a tab, a break, a field: laid out as it is
      for (const s of text) {
        if (typeof s !== "string") continue;
        if (!PRINTABLE.test(s)) return -1;
        length += s.length;
      }
    }
  }
  return length;
}

// A plain code line holding a word wider than its line: the estimator breaks such a word
// character by character, measuring the line so far again for each one, about 3 ms a
// character (260 s for 2,000 characters with no space, 69.5 s for `x = '<30 KB>'`; issue
// 25). Its lines are counted here as the estimator lays out monospaced ASCII, and it is
// given that many lines of one character, separated by line breaks.
function codeText(paragraph) {
  let text = "";
  for (let i = 1; i < paragraph.length; i++) {
    for (const part of paragraph[i]["w:r"]) {
      const t = part["w:t"];
      if (Array.isArray(t)) for (const s of t) if (typeof s === "string") text += s;
    }
  }
  return text;
}

// The words of a line as the estimator cuts it: at spaces (counted where they come; they
// never start a line), and after a dash not followed by a digit or a dash (docx/layout
// findLineBreaks). Yields [spaces before it, its length].
function* words(text) {
  const re = / *([^ ]*)/g;
  for (let m = re.exec(text); m && m[0]; m = re.exec(text)) {
    const word = m[1];
    const spaces = m[0].length - word.length;
    let from = 0;
    for (let i = 1; i < word.length; i++) {
      if (word[i - 1] === "-" && !/[\d-]/.test(word[i])) {
        yield [from ? 0 : spaces, i - from];
        from = i;
      }
    }
    yield [from ? 0 : spaces, word.length - from];
  }
}

// How many lines the estimator makes of a monospaced line of `fullChars` characters: a
// word goes on the line if it fits, else on the next one (unless the line holds no word
// yet); one wider than the room left is broken where the line ends, one character at least
// on it.
function wrappedCount(text, fullChars) {
  let lines = 1;
  let pos = 0;
  let started = false;
  for (const [spaces, length] of words(text)) {
    pos += spaces;
    if (!length) continue;
    if (started && pos + length > fullChars) {
      lines += 1;
      pos = 0;
    }
    if (pos + length > fullChars) {
      const rest = length - Math.max(1, fullChars - pos);
      const more = rest > 0 ? Math.ceil(rest / fullChars) : 0;
      pos = rest > 0 ? rest - (more - 1) * fullChars : pos + length;
      lines += more;
    } else {
      pos += length;
    }
    started = true;
  }
  return lines;
}

// The longest word of a line, cut as words() cuts it.
function longestWord(text) {
  let longest = 0;
  for (const [, length] of words(text)) longest = Math.max(longest, length);
  return longest;
}

function wrappedLines(paragraph, lines) {
  const run = [];
  for (let k = 0; k < lines; k++) {
    if (k) run.push({ "w:br": {} });
    run.push(ONE_CHARACTER["w:r"][0]);
  }
  return { "w:p": [paragraph[0], { "w:r": run }] };
}

function lightLine(element, maxChars, fullChars) {
  const paragraph = element["w:p"];
  if (!Array.isArray(paragraph) || paragraph.length < 2) return null;
  const pPr = paragraph[0] && paragraph[0]["w:pPr"];
  if (!Array.isArray(pPr) || !CODE_STYLES.has(styleOf(pPr))) return null;
  if (pPr.some((item) => "w:ind" in item || "w:numPr" in item)) return null;
  const length = plainLength(paragraph);
  if (length < 1) return null;
  if (length > maxChars) {
    if (!fullChars || length <= fullChars) return null;
    const text = codeText(paragraph);
    return longestWord(text) > fullChars ? wrappedLines(paragraph, wrappedCount(text, fullChars)) : null;
  }
  return { "w:p": [paragraph[0], ONE_CHARACTER] };
}

// The body the estimator lays out: `body` itself, or a copy with short code lines as one
// character each (the other elements are the same objects).
function lightBody(body, maxChars, fullChars = 0) {
  const children = body && body["w:body"];
  if (!Array.isArray(children) || maxChars < 1) return body;
  let changed = 0;
  const out = children.map((child) => {
    const light = lightLine(child, maxChars, fullChars);
    if (light) changed += 1;
    return light || child;
  });
  return changed ? { ...body, "w:body": out } : body;
}

// How many Consolas characters the estimator puts on a code line before it breaks a word.
function codeLineFullChars(theme, textWidth) {
  return Math.floor((textWidth - theme.code.border.space * 20) / theme.code.charWidth);
}

module.exports = { lightBody, codeLineChars, codeLineFullChars, wrappedCount };
