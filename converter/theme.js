"use strict";
// All styling of the generated document lives here, as one plain object, so that a
// later change can merge a user's overrides into it (see mergeTheme).
//
// Units: twips (1/20 pt, 1440 to the inch) for page geometry, indents and spacing;
// half-points for font sizes (22 = 11 pt); eighths of a point for border sizes;
// colours are 6-digit hex without "#".

const theme = {
  page: {
    width: 12240, // US Letter, 8.5 in
    height: 15840, // 11 in
    margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 },
    header: 720, // distance of header / footer from the page edge
    footer: 720,
    // text width = 12240 - 2 * 1440 = 9360 twips = 6.5 in
  },

  body: {
    font: "Calibri",
    size: 22, // 11 pt
    color: "1F2937",
    spacing: { before: 0, after: 120, line: 264 }, // line 264 = 1.1 lines
  },

  title: { font: "Calibri", size: 56, color: "1F3864", spacingAfter: 120 },
  subtitle: { font: "Calibri", size: 30, color: "4B5563", spacingAfter: 240 },

  // The first page: title, subtitle, a rule, author and date. It has no header or footer.
  titlePage: {
    spaceBefore: 3600, // 2.5 in of space above the title
    rule: { color: "2F5496", size: 12, space: 8 }, // the line under the title
    metaSize: 24, // author and date lines, 12 pt
    metaColor: "374151",
    metaSpacing: 60, // after each of those lines
  },

  // The table of contents page (meta.toc): a "Contents" title, then one entry per heading of
  // level 1-3 (styles TOC1..TOC3) with a dotted tab to its page number.
  toc: {
    title: "Contents",
    titleSize: 32, // 16 pt
    titleColor: "1F3864",
    indent: 240, // per level
    spacingAfter: 80,
  },

  caption: { size: 18, color: "4B5563", italic: true, spacingBefore: 60, spacingAfter: 200, figureLabel: "Figure" },

  footnote: { size: 18, color: "374151" }, // 9 pt footnote text

  // One entry per heading level 1..6: size decreases 20 pt .. 11 pt, dark blue tones.
  headings: [
    { size: 40, color: "1F3864", bold: false, italic: false, before: 480, after: 160 },
    { size: 32, color: "2F5496", bold: false, italic: false, before: 360, after: 120 },
    { size: 28, color: "1F4E79", bold: false, italic: false, before: 280, after: 100 },
    { size: 26, color: "2F5496", bold: true, italic: false, before: 240, after: 80 },
    { size: 24, color: "1F4E79", bold: true, italic: false, before: 200, after: 80 },
    { size: 22, color: "2E74B5", bold: true, italic: true, before: 200, after: 60 },
  ],
  headingFont: "Calibri",

  code: {
    font: "Consolas",
    size: 18, // 9 pt
    color: "111827",
    shading: "F3F4F6",
    border: { color: "D1D5DB", size: 4, space: 4 }, // thin box around the block
    spacingOuter: 120, // before the first line and after the last line of a block
    tabColumns: 8, // a tab advances to the next multiple of 8 characters
    charWidth: 99, // advance width of one Consolas character at 9 pt, in twips
    // Log bodies (language "log") look like code plus a thicker accent bar on the left.
    logAccent: { color: "6B7280", size: 18 },
  },

  inlineCode: { font: "Consolas", size: 20, color: "374151", shading: "F3F4F6" },

  link: { color: "0563C1", underline: true },

  quote: {
    indent: 360, // per nesting level
    color: "4B5563",
    italic: true,
    border: { color: "9CA3AF", size: 18, space: 8 },
  },

  list: {
    indent: 360, // per level
    hanging: 360,
    bullets: ["\u2022", "\u25E6", "\u25AA"], // • ◦ ▪ cycling by level
    orderedFormats: ["decimal", "lowerLetter", "lowerRoman"], // cycling by level
    itemSpacingAfter: 60,
    // Task-list items: a box in place of the bullet (after the number in ordered lists).
    task: { checked: "\u2612", unchecked: "\u2610", font: "MS Gothic" }, // ☒ ☐, in the font of Word's own check boxes
  },

  table: {
    borderColor: "9CA3AF",
    borderSize: 4,
    headerShading: "E5E7EB",
    fontSize: 20, // 10 pt inside tables
    minColumnWidth: 720, // 0.5 in
    minWeightChars: 3, // a column is weighted as if it had at least 3 characters
    maxWeightChars: 60, // and at most 60 (longer text simply wraps)
    charWidth: 165, // generous width of one bold 10 pt character, in twips (fits wide fallback fonts too)
    maxWordChars: 24, // a column is made wide enough for a word of at most this many characters
    cellMargin: { top: 40, bottom: 40, left: 100, right: 100 },
    spacingAfter: 160, // the paragraph gap after a table
    // Wide tables: from `minColumns` columns on, a smaller font and tighter cell margins.
    wide: { minColumns: 7, fontSize: 16, cellMargin: { top: 20, bottom: 20, left: 60, right: 60 } },
    // Very wide tables: from `minColumns` columns on, the table gets a landscape section of
    // its own (a section break before and after it).
    landscape: { minColumns: 12 },
  },

  image: {
    dpi: 96, // a picture is shown at its pixel size at this resolution (96: 1 px = 1/96 in), then fitted
    maxHeightPx: 816, // 8.5 in at 96 dpi
  },

  placeholder: { color: "8B0000", italic: true },

  // The East Asian font of text in Chinese, Japanese or Korean (w:rFonts w:eastAsia): of a
  // chapter in one of them (a block's `lang`), or of the whole document (meta.lang).
  // zhHant: traditional Chinese (zh-TW, zh-HK, zh-Hant).
  eastAsianFonts: { ja: "Yu Gothic", zh: "Microsoft YaHei", zhHant: "Microsoft JhengHei", ko: "Malgun Gothic" },

  rule: { color: "9CA3AF", size: 6, space: 1 },

  header: { size: 16, color: "6B7280" },
  footer: { size: 16, color: "6B7280" },
};

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// Deep-merges overrides into a copy of base: objects merge key by key; an array of objects
// (headings) merges element by element (a null element keeps the default); anything else
// (strings, numbers, arrays of strings) replaces.
function mergeTheme(base, overrides) {
  if (Array.isArray(base)) {
    if (!Array.isArray(overrides)) return base.slice();
    if (!base.every(isPlainObject)) return overrides.slice();
    return base.map((b, i) => (i < overrides.length && overrides[i] !== null ? mergeTheme(b, overrides[i]) : b));
  }
  const out = { ...base };
  if (!isPlainObject(overrides)) return out;
  for (const [k, v] of Object.entries(overrides)) {
    if (isPlainObject(base[k]) || Array.isArray(base[k])) out[k] = mergeTheme(base[k], v);
    else out[k] = v;
  }
  return out;
}

const HEX_COLOR = /^[0-9A-Fa-f]{6}$/;
const ORDERED_FORMATS = ["decimal", "lowerLetter", "lowerRoman", "upperLetter", "upperRoman"];

function describeValue(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `number ${v}`;
  return typeof v;
}

// Checks a theme override against the shape of the default theme. Returns null when it is
// valid, else [jsonPath, message] for the first fault: an unknown key, or a value whose type
// differs from the default's (a colour must be 6 hex digits, a size a non-negative integer...).
function themeFault(value, base = theme, path = "meta.theme") {
  if (isPlainObject(base)) {
    if (!isPlainObject(value)) return [path, `expected an object, got ${describeValue(value)}`];
    for (const [k, v] of Object.entries(value)) {
      if (!Object.prototype.hasOwnProperty.call(base, k)) return [`${path}.${k}`, "unknown theme key"];
      const f = themeFault(v, base[k], `${path}.${k}`);
      if (f) return f;
    }
    return null;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(value)) return [path, `expected an array, got ${describeValue(value)}`];
    if (base.every(isPlainObject)) {
      if (value.length > base.length) return [path, `at most ${base.length} entries`];
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) continue;
        const f = themeFault(value[i], base[i], `${path}[${i}]`);
        if (f) return f;
      }
      return null;
    }
    if (value.length === 0) return [path, "must not be empty"];
    for (let i = 0; i < value.length; i++) {
      const p = `${path}[${i}]`;
      if (typeof value[i] !== "string" || value[i] === "") return [p, `expected a non-empty string, got ${describeValue(value[i])}`];
      if (base === theme.list.orderedFormats && !ORDERED_FORMATS.includes(value[i])) {
        return [p, `expected one of ${ORDERED_FORMATS.join(", ")}, got ${describeValue(value[i])}`];
      }
    }
    return null;
  }
  if (typeof base === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) return [path, `expected a number, got ${describeValue(value)}`];
    if (Number.isInteger(base) && (!Number.isInteger(value) || value < 0)) {
      return [path, `expected a non-negative integer, got ${describeValue(value)}`];
    }
    return null;
  }
  if (typeof base === "boolean") {
    return typeof value === "boolean" ? null : [path, `expected true or false, got ${describeValue(value)}`];
  }
  if (typeof base === "string") {
    if (typeof value !== "string") return [path, `expected a string, got ${describeValue(value)}`];
    if (HEX_COLOR.test(base) && !HEX_COLOR.test(value)) return [path, `expected a colour of 6 hex digits, got ${describeValue(value)}`];
    if (value.trim() === "" && base.trim() !== "") return [path, "must not be empty"];
    return null;
  }
  return null;
}

// Values that must not be 0 (they divide, or step a loop).
const POSITIVE = [
  ["body", "size"],
  ["code", "size"],
  ["code", "tabColumns"],
  ["code", "charWidth"],
  ["table", "fontSize"],
  ["table", "charWidth"],
  ["table", "wide", "fontSize"],
  ["image", "dpi"],
  ["image", "maxHeightPx"],
];

// Faults of a merged theme that no single value shows: sizes that must be positive, and
// the page must leave room for text.
function mergedThemeFault(t, path = "meta.theme") {
  for (const keys of POSITIVE) {
    const v = keys.reduce((o, k) => o[k], t);
    if (!(v > 0)) return [`${path}.${keys.join(".")}`, "must be greater than 0"];
  }
  if (textWidth(t) < 1440) return [`${path}.page`, "the text width (page width minus left and right margins) must be at least 1440 twips"];
  if (landscapeTextWidth(t) < 1440) return [`${path}.page`, "the landscape text width (page height minus left and right margins) must be at least 1440 twips"];
  if (t.page.height - t.page.margin.top - t.page.margin.bottom < 1440) {
    return [`${path}.page`, "the text height (page height minus top and bottom margins) must be at least 1440 twips"];
  }
  return null;
}

function textWidth(t) {
  return t.page.width - t.page.margin.left - t.page.margin.right;
}

// Landscape sections (very wide tables) turn the page: its height becomes the width.
function landscapeTextWidth(t) {
  return t.page.height - t.page.margin.left - t.page.margin.right;
}

module.exports = { theme, mergeTheme, themeFault, mergedThemeFault, textWidth, landscapeTextWidth };
