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

  title: { font: "Calibri Light", size: 52, color: "1F3864", spacingAfter: 60 },
  subtitle: { font: "Calibri Light", size: 24, color: "6B7280", spacingAfter: 360 },

  // One entry per heading level 1..6: size decreases 20 pt .. 11 pt, dark blue tones.
  headings: [
    { size: 40, color: "1F3864", bold: false, before: 480, after: 160 },
    { size: 32, color: "2F5496", bold: false, before: 360, after: 120 },
    { size: 28, color: "1F4E79", bold: false, before: 280, after: 100 },
    { size: 26, color: "2F5496", bold: true, before: 240, after: 80 },
    { size: 24, color: "1F4E79", bold: true, before: 200, after: 80 },
    { size: 22, color: "2E74B5", bold: true, italic: true, before: 200, after: 60 },
  ],
  headingFont: "Calibri Light",

  code: {
    font: "Consolas",
    size: 18, // 9 pt
    color: "111827",
    shading: "F3F4F6",
    border: { color: "D1D5DB", size: 4, space: 4 }, // thin box around the block
    spacingOuter: 120, // before the first line and after the last line of a block
    tabColumns: 8, // a tab advances to the next multiple of 8 characters
    charWidth: 99, // advance width of one Consolas character at 9 pt, in twips
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
  },

  image: {
    dpi: 96,
    maxHeightPx: 816, // 8.5 in at 96 dpi
  },

  placeholder: { color: "8B0000", italic: true },

  rule: { color: "9CA3AF", size: 6, space: 1 },

  header: { size: 16, color: "6B7280" },
  footer: { size: 16, color: "6B7280" },
};

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// Deep-merges overrides into a copy of base: objects merge key by key, anything else
// (strings, numbers, arrays) replaces.
function mergeTheme(base, overrides) {
  const out = Array.isArray(base) ? base.slice() : { ...base };
  if (!isPlainObject(overrides)) return out;
  for (const [k, v] of Object.entries(overrides)) {
    out[k] = isPlainObject(v) && isPlainObject(base[k]) ? mergeTheme(base[k], v) : v;
  }
  return out;
}

function textWidth(t) {
  return t.page.width - t.page.margin.left - t.page.margin.right;
}

module.exports = { theme, mergeTheme, textWidth };
