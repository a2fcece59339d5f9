"use strict";
// The block JSON (docs/json-contract.md, schema 1) -> a docx-js Document.
//
// The mapping is declarative: one function per block type (BLOCK_RENDERERS) and one per
// run kind (renderRun*), each returning docx-js objects. All styling comes from
// ./theme.js; this file only decides which style applies where.
//
// Context (`ctx`) passed down while rendering nested blocks:
//   left       left indent in twips of the text of an ordinary block at this place
//              (list items and quotes add to it)
//   width      the text width available at this place, in twips (for images, tables)
//   quoteDepth how many quotes enclose this place (0 = none)
//   listDepth  the numbering level a list at this place gets (0-based)
//   landscape  true inside a landscape section (a very wide table)
//   inNote     true inside a footnote body (no nested footnotes, no section breaks)
//
// Sections: block renderers return docx-js objects, and may return SectionMark objects
// around content that needs a section of its own (a landscape page for a very wide
// table); build() splits the body at these marks into docx-js sections.

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const docx = require("docx");
const { theme: defaultTheme, mergeTheme, textWidth, landscapeTextWidth } = require("../theme");
const { assertValidStructure, SchemaError } = require("../contract/validate");
const { writePackage } = require("../write/package");
const { cleanText, codeLine } = require("../text");

const {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  ShadingType,
  SimpleField,
  Tab,
  TableOfContents,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} = docx;

const TWIPS_PER_PX = 15; // 1440 twips per inch / 96 px per inch
const MAX_LIST_LEVEL = 8; // Word has 9 numbering levels, 0..8
const BULLET_REF = "docgen-bullet";
const PREFORMATTED = new Set(["code", "html"]);
// Page numbers of the table of contents are worked out by docx's layout estimator
// (docx/layout), which costs about 2 ms per paragraph (2000 paragraphs, some 70 pages: about 5 s);
// above this many paragraphs the entries are written without page numbers and the field
// is left dirty for Word to fill.
const PAGE_NUMBER_PARAGRAPH_LIMIT = 2000;

const HEADING_LEVELS = [
  null,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

const LEVEL_FORMATS = {
  decimal: LevelFormat.DECIMAL,
  lowerLetter: LevelFormat.LOWER_LETTER,
  lowerRoman: LevelFormat.LOWER_ROMAN,
  upperLetter: LevelFormat.UPPER_LETTER,
  upperRoman: LevelFormat.UPPER_ROMAN,
};

const ALIGNMENTS = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

// ---------------------------------------------------------------------------------------
// Text helpers

// Inline text: a newline inside a run is a soft break, shown as a space (hard breaks
// are {"break": true} runs).
function cleanInline(s) {
  return cleanText(s).replace(/\r\n|\r|\n/g, " ");
}

// The children of a TextRun for a piece of text: tabs become real <w:tab/> elements
// (docx-js writes a "\t" inside text as a literal character in <w:t>, which Word does not
// treat as a tab stop), everything else stays text, written with xml:space="preserve".
function textChildren(text) {
  if (!text.includes("\t")) return [text];
  const out = [];
  text.split("\t").forEach((part, i) => {
    if (i > 0) out.push(new Tab());
    if (part) out.push(part);
  });
  return out;
}

// Word bookmark names must start with a letter and be at most 40 characters, or Word
// ignores links to them. Ids that already fit are kept unchanged; any other id gets a
// deterministic name (sanitised prefix + hash), and internal links use the same mapping.
function bookmarkName(id) {
  if (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(id)) return id;
  const hash = crypto.createHash("sha1").update(id).digest("hex").slice(0, 8);
  let base = id.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z]/.test(base)) base = "h" + base;
  return `${base.slice(0, 31)}_${hash}`;
}

// Word refuses a document whose hyperlink targets are not valid URIs: percent-encode
// spaces, non-ASCII and other characters that cannot appear in a URI.
function safeUrl(url) {
  return url
    .replace(/%(?![0-9A-Fa-f]{2})/g, "%25")
    .replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

// ---------------------------------------------------------------------------------------
// Images

const EXT_TYPES = { png: "png", jpg: "jpg", jpeg: "jpg", gif: "gif", bmp: "bmp" };

function sniffImageType(buf) {
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return "png";
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpg";
  if (buf.length >= 6 && buf.toString("latin1", 0, 4) === "GIF8") return "gif";
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return "bmp";
  return null;
}

// Scales (width, height) in pixels to fit maxWidth x maxHeight, keeping the aspect ratio;
// never upscales.
function fitImage(width, height, maxWidth, maxHeight) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.max(1, Math.min(maxWidth, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxHeight, Math.round(height * scale))),
  };
}

// ---------------------------------------------------------------------------------------
// Table column widths

function cellText(cell) {
  let s = "";
  for (const run of cell) {
    if ("text" in run) s += run.text;
    else if ("image" in run) s += " ".padEnd(12, "x");
    else if ("missing_image" in run) s += `[Missing image: ${run.missing_image.ref}]`;
    else s += " ";
  }
  return s;
}

// Column widths in twips summing exactly to `total`. Each column is weighted by the
// length of its longest cell text (clamped to [minWeightChars, maxWeightChars]) and gets
// at least a minimum width: the theme's minColumnWidth, or enough for its longest word
// (up to maxWordChars characters) so that short words like "Status" are not split. If the
// minimums do not fit, they are scaled down together.
function columnWidths(columns, total, opts) {
  const { minColumnWidth, minWeightChars, maxWeightChars, charWidth, maxWordChars, cellMargin } = opts;
  const n = columns.length;
  const margins = cellMargin.left + cellMargin.right;
  const texts = columns.map((cells) => cells.map(cellText));
  const weights = texts.map((cells) => {
    const longest = Math.max(0, ...cells.map((s) => s.length));
    return Math.min(maxWeightChars, Math.max(minWeightChars, longest));
  });
  let mins = texts.map((cells) => {
    const word = Math.max(0, ...cells.flatMap((s) => s.split(/\s+/).map((w) => w.length)));
    return Math.max(minColumnWidth, Math.min(word, maxWordChars) * charWidth + margins);
  });
  const minSum = mins.reduce((a, b) => a + b, 0);
  if (minSum > total) mins = mins.map((m) => (m * total) / minSum);

  // Proportional shares; a column whose share is below its minimum is fixed at the
  // minimum and the rest is shared again among the others.
  const fixed = new Array(n).fill(false);
  let raw;
  for (;;) {
    const free = total - mins.reduce((s, m, i) => (fixed[i] ? s + m : s), 0);
    const sum = weights.reduce((s, w, i) => (fixed[i] ? s : s + w), 0);
    raw = weights.map((w, i) => (fixed[i] ? mins[i] : sum > 0 ? (free * w) / sum : 0));
    const under = raw.map((w, i) => !fixed[i] && w < mins[i]);
    if (!under.some(Boolean)) break;
    under.forEach((u, i) => {
      if (u) fixed[i] = true;
    });
    if (fixed.every(Boolean)) {
      raw = mins.slice();
      break;
    }
  }
  const widths = raw.map(Math.floor);
  let rest = total - widths.reduce((a, b) => a + b, 0);
  const order = raw.map((w, i) => [w - Math.floor(w), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) widths[order[k][1]] += 1;
  return widths;
}

// ---------------------------------------------------------------------------------------
// Styles and numbering definitions (from the theme)

function border(b) {
  return { style: BorderStyle.SINGLE, size: b.size, color: b.color, space: b.space };
}

function shading(fill) {
  return { type: ShadingType.CLEAR, color: "auto", fill };
}

function buildStyles(t) {
  const headingStyles = t.headings.map((h, i) => ({
    id: `Heading${i + 1}`,
    name: `heading ${i + 1}`, // built-in name: python-docx reports "Heading N"
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: t.headingFont, size: h.size, color: h.color, bold: !!h.bold, italics: !!h.italic },
    paragraph: {
      spacing: { before: h.before, after: h.after },
      keepNext: true,
      keepLines: true,
      outlineLevel: i,
    },
  }));
  const codeBorder = border(t.code.border);
  // No padding on the right: LibreOffice leaves the padding of the middle lines of a box
  // unshaded (a white notch); the right indent keeps wrapped text off the border anyway.
  const codeRight = { ...codeBorder, space: 0 };
  // Tab stops every tabColumns characters across the text width (Word measures them from
  // the margin; all lines of a block share them, so columns line up in indented code too).
  // Set in the style rather than on each line: per-line stops multiply the size and the
  // build time of long logs. (docx-js accepts tabStops in a style though its typings omit it.)
  const tabWidth = t.code.tabColumns * t.code.charWidth;
  const codeTabStops = [];
  for (let pos = tabWidth; pos < textWidth(t); pos += tabWidth) codeTabStops.push({ type: TabStopType.LEFT, position: pos });
  // Entries of the table of contents, "toc 1".."toc 3" (Word's built-in names, which the
  // TOC field uses), indented per level.
  const tocStyles = [1, 2, 3].map((level) => ({
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: "Normal",
    next: "Normal",
    run: level === 1 ? { bold: true } : {},
    paragraph: {
      indent: { left: t.toc.indent * (level - 1) },
      spacing: { before: level === 1 ? t.toc.spacingAfter : 0, after: t.toc.spacingAfter },
    },
  }));
  return {
    default: {
      document: {
        run: { font: t.body.font, size: t.body.size, color: t.body.color },
        // lineRule must be explicit: LibreOffice reads a bare w:line as an exact height
        paragraph: { spacing: { ...t.body.spacing, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles: [
      {
        id: "Title",
        name: "Title",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { font: t.title.font, size: t.title.size, color: t.title.color },
        paragraph: { spacing: { before: 0, after: t.title.spacingAfter, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
      },
      {
        id: "Subtitle",
        name: "Subtitle",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { font: t.subtitle.font, size: t.subtitle.size, color: t.subtitle.color },
        paragraph: { spacing: { before: 0, after: t.subtitle.spacingAfter } },
      },
      {
        id: "TitleMeta",
        name: "Title Meta",
        basedOn: "Normal",
        next: "Normal",
        run: { size: t.titlePage.metaSize, color: t.titlePage.metaColor },
        paragraph: { spacing: { before: 0, after: t.titlePage.metaSpacing } },
      },
      ...headingStyles,
      {
        // Word's built-in "TOC Heading" (outline level 9 = body text): looks like a heading,
        // is not listed in the table of contents.
        id: "TOCHeading",
        name: "TOC Heading",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { font: t.headingFont, size: t.toc.titleSize, color: t.toc.titleColor },
        paragraph: { spacing: { before: 0, after: t.headings[0].after }, keepNext: true, outlineLevel: 9 },
      },
      ...tocStyles,
      {
        id: "SourceCode",
        name: "Source Code",
        basedOn: "Normal",
        quickFormat: true,
        run: { font: t.code.font, size: t.code.size, color: t.code.color, noProof: true },
        paragraph: {
          spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
          shading: shading(t.code.shading),
          border: { top: codeBorder, bottom: codeBorder, left: codeBorder, right: codeRight },
          indent: { right: t.code.border.space * 20 },
          tabStops: codeTabStops,
        },
      },
      {
        // Log bodies: code with a thicker accent bar on the left.
        id: "LogOutput",
        name: "Log Output",
        basedOn: "SourceCode",
        quickFormat: true,
        paragraph: {
          border: {
            top: codeBorder,
            bottom: codeBorder,
            right: codeRight,
            left: { style: BorderStyle.SINGLE, size: t.code.logAccent.size, color: t.code.logAccent.color, space: t.code.border.space },
          },
        },
      },
      {
        id: "Quote",
        name: "Quote",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { italics: t.quote.italic, color: t.quote.color },
        paragraph: { indent: { left: t.quote.indent }, border: { left: border(t.quote.border) } },
      },
      {
        id: "ListParagraph",
        name: "List Paragraph",
        basedOn: "Normal",
        quickFormat: true,
        paragraph: { spacing: { after: t.list.itemSpacingAfter } },
      },
      {
        id: "TableText",
        name: "Table Text",
        basedOn: "Normal",
        run: { size: t.table.fontSize },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
      {
        id: "TableTextSmall",
        name: "Table Text Small",
        basedOn: "TableText",
        run: { size: t.table.wide.fontSize },
      },
      {
        id: "Caption",
        name: "caption", // built-in name
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { size: t.caption.size, color: t.caption.color, italics: t.caption.italic },
        paragraph: { spacing: { before: t.caption.spacingBefore, after: t.caption.spacingAfter } },
      },
      {
        id: "FootnoteText",
        name: "footnote text", // built-in name
        basedOn: "Normal",
        run: { size: t.footnote.size, color: t.footnote.color },
        paragraph: { spacing: { before: 0, after: 40, line: 240, lineRule: LineRuleType.AUTO } },
      },
    ],
    characterStyles: [
      {
        id: "Hyperlink",
        name: "Hyperlink",
        basedOn: "DefaultParagraphFont",
        run: { color: t.link.color, underline: t.link.underline ? { type: "single" } : undefined },
      },
    ],
  };
}

function listLevels(t, levelFor) {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
    level,
    alignment: AlignmentType.LEFT,
    ...levelFor(level),
    style: {
      paragraph: { indent: { left: t.list.indent * (level + 1), hanging: t.list.hanging } },
    },
  }));
}

function bulletDefinition(t) {
  return {
    reference: BULLET_REF,
    levels: listLevels(t, (level) => ({
      format: LevelFormat.BULLET,
      text: t.list.bullets[level % t.list.bullets.length],
    })),
  };
}

// Ordered lists and restarts: docx-js gives each (reference, instance) pair its own
// <w:num> (numId) with a <w:startOverride> per level, taken from the level's `start`.
// So every ordered list block gets a fresh `instance` (it restarts), and every distinct
// `start` value gets its own numbering reference "docgen-ordered-start-N" whose level 0
// starts at N (deeper levels start at 1). Nested lists are blocks of their own, so they
// restart too, at their numbering level (= nesting depth).
function orderedDefinition(t, start) {
  const formats = t.list.orderedFormats;
  return {
    reference: `docgen-ordered-start-${start}`,
    levels: listLevels(t, (level) => ({
      format: LEVEL_FORMATS[formats[level % formats.length]] || LevelFormat.DECIMAL,
      text: `%${level + 1}.`,
      start: level === 0 ? start : 1,
    })),
  };
}

// ---------------------------------------------------------------------------------------
// The builder

// A section boundary in the rendered body: content between a "landscape" mark and the
// next "portrait" mark goes into a landscape section.
class SectionMark {
  constructor(orientation) {
    this.orientation = orientation;
  }
}

function isoDate(s) {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(s || "");
  return m ? m[0] : null;
}

// Text of runs, for places that only take plain text (footnote bodies' non-paragraph blocks).
function runsText(runs) {
  return runs
    .map((r) => {
      if ("text" in r) return r.text;
      if ("break" in r) return " ";
      if ("image" in r) return r.image.alt ? `[${r.image.alt}]` : "";
      if ("missing_image" in r) return `[Missing image: ${r.missing_image.ref}]`;
      if ("footnote" in r) return `[^${r.footnote}]`;
      return "";
    })
    .join("");
}

// Whether blocks contain a heading of level 1..3 (the table of contents lists those).
function hasTocHeading(blocks) {
  return blocks.some((b) => {
    if (b.type === "heading") return b.level <= 3;
    if (b.type === "quote") return hasTocHeading(b.blocks);
    if (b.type === "list") return b.items.some((it) => hasTocHeading(it.blocks));
    return false;
  });
}

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

// Big documents are written in pieces (./deferred.js). Above this many paragraphs (where
// the page-number estimator, which needs the whole body, no longer runs), only the blocks
// that must be part of docx-js's document when it is compiled are built with it; runs of
// the other top-level blocks ("units") are built, formatted and let go one after another.
const DEFER_MIN_PARAGRAPHS = PAGE_NUMBER_PARAGRAPH_LIMIT;
const UNIT_MAX_BLOCKS = 200;
const UNIT_MAX_PARAGRAPHS = 4000;

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

// The starts of the ordered lists that rendering these blocks numbers (Builder.list).
function orderedStartsOf(blocks) {
  const starts = new Set();
  for (const top of blocks) {
    for (const b of innerBlocks(top)) {
      if (b.type === "list" && b.ordered) starts.add(Number.isInteger(b.start) ? b.start : 1);
    }
  }
  return starts;
}

// A top-level block that is part of docx-js's document itself: headings (its table of
// contents is filled from the body's top-level headings) and blocks holding one, and
// blocks holding a table with a landscape section of its own (sections are docx-js's).
function buildsEarly(block, t) {
  for (const b of innerBlocks(block)) {
    if (b.type === "heading") return true;
    if (b.type === "table") {
      const ncols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
      if (ncols >= t.table.landscape.minColumns) return true;
    }
  }
  return false;
}

class Builder {
  constructor(structure, options = {}) {
    const { theme, baseDir = process.cwd(), pageNumbers } = options;
    this.s = structure;
    this.t = theme || mergeTheme(defaultTheme, structure.meta.theme);
    this.baseDir = baseDir;
    this.pageNumbersOption = pageNumbers; // undefined: automatic; false: never; true: always
    this.orderedStarts = new Set();
    this.nextInstance = 1;
    this.figureCount = 0;
    // Footnotes: bodies by id; references numbered 1, 2, ... in order of first reference.
    this.noteBodies = new Map((structure.footnotes || []).map((n) => [n.id, n.blocks]));
    this.noteNumbers = new Map(); // id -> number
    this.notes = {}; // number -> { children: [Paragraph] } (docx-js `footnotes`)
    // Code blocks whose lines are in a file (`body`): rendered as template paragraphs that
    // ./package.js replaces with one paragraph per line while it writes document.xml.
    this.splices = [];
    this.nonce = `DOCGENSPLICE${crypto.randomBytes(6).toString("hex")}`;
    // Deferred units (see DEFER_MIN_PARAGRAPHS), when the document is written in pieces.
    this.units = [];
    this.defer = options.defer;
  }

  // -- runs ------------------------------------------------------------------------------

  textRun(run, extra = {}) {
    const t = this.t;
    const opts = { children: textChildren(cleanInline(run.text)), ...extra };
    if (run.bold) opts.bold = true;
    if (run.italic) opts.italics = true;
    if (run.strike) opts.strike = true;
    if (run.code) {
      opts.font = t.inlineCode.font;
      opts.size = t.inlineCode.size;
      if (!run.link) opts.color = t.inlineCode.color;
      opts.shading = shading(t.inlineCode.shading);
    }
    if (run.color) opts.color = run.color.toUpperCase();
    if (run.link) opts.style = "Hyperlink";
    return new TextRun(opts);
  }

  placeholderRun(ref, alt, extra = {}) {
    const p = this.t.placeholder;
    const label = `[Missing image: ${cleanInline(ref)}${alt ? ` \u2014 ${cleanInline(alt)}` : ""}]`;
    return new TextRun({ text: label, italics: p.italic, color: p.color, ...extra });
  }

  // A footnote reference. The first reference to an id makes the footnote (numbered in
  // order of first reference); a later reference to the same id shows the same number
  // as a superscript (Word has one reference mark per footnote); an unknown id, or a
  // reference inside a footnote, is shown as its literal text.
  footnoteRun(id, ctx, extra = {}) {
    if (ctx.inNote || !this.noteBodies.has(id)) return this.textRun({ text: `[^${id}]` }, extra);
    if (this.noteNumbers.has(id)) {
      return new TextRun({ text: String(this.noteNumbers.get(id)), style: "FootnoteReference", ...extra });
    }
    const n = this.noteNumbers.size + 1;
    this.noteNumbers.set(id, n);
    this.notes[n] = { children: [] }; // reserved before rendering: the body may refer to notes
    this.notes[n].children = this.noteParagraphs(this.noteBodies.get(id));
    return new FootnoteReferenceRun(n);
  }

  // A footnote body: paragraphs keep their inline runs; any other block becomes plain
  // text paragraphs (footnotes hold no tables, lists or code boxes here).
  noteParagraphs(blocks) {
    const ctx = { left: 0, width: textWidth(this.t), quoteDepth: 0, listDepth: 0, inNote: true };
    const out = [];
    // Text put before the next paragraph: a space between the footnote's number and its
    // text (as Word does), then a list item's bullet or number.
    let pending = " ";
    const lead = () => {
      const p = pending;
      pending = "";
      return p;
    };
    const plain = (text) => out.push(new Paragraph({ style: "FootnoteText", children: [new TextRun({ children: textChildren(cleanInline(text)) })] }));
    const task = this.t.list.task;
    const walk = (bs) => {
      for (const b of bs) {
        switch (b.type) {
          case "paragraph": {
            const p = lead();
            out.push(new Paragraph({
              style: "FootnoteText",
              children: [...(p ? [new TextRun(p)] : []), ...this.renderRuns(b.runs, ctx)],
            }));
            break;
          }
          case "heading":
            plain(lead() + runsText(b.runs));
            break;
          case "code":
          case "html":
            for (const line of b.text.split("\n")) plain(lead() + line);
            break;
          case "list":
            b.items.forEach((item, i) => {
              const box = typeof item.checked === "boolean" ? `${item.checked ? task.checked : task.unchecked} ` : "";
              pending += `${b.ordered ? `${(b.start ?? 1) + i}. ` : "\u2022 "}${box}`;
              walk(item.blocks);
              if (pending.trim()) plain(lead());
            });
            break;
          case "table":
            for (const row of [b.header, ...b.rows]) plain(lead() + row.map(runsText).join(" | "));
            break;
          case "quote":
            walk(b.blocks);
            break;
          default:
            break;
        }
      }
    };
    walk(blocks);
    if (out.length === 0) out.push(new Paragraph({ style: "FootnoteText", children: [] }));
    return out;
  }

  readImage(file) {
    try {
      return fs.readFileSync(file);
    } catch {
      return null;
    }
  }

  imageRun(img, ctx, extra) {
    const file = path.resolve(this.baseDir, img.path);
    const name = path.basename(file);
    const alt = img.alt || "";
    const ext = path.extname(file).slice(1).toLowerCase();
    let media;
    if (ext === "svg") {
      // SVG needs a raster fallback for Word versions and viewers without SVG support.
      if (!img.fallback) return this.placeholderRun(name, alt, extra);
      const data = this.readImage(file);
      const fallback = this.readImage(path.resolve(this.baseDir, img.fallback));
      const fallbackType = fallback && sniffImageType(fallback);
      if (!data || !fallbackType) return this.placeholderRun(name, alt, extra);
      media = { type: "svg", data, fallback: { type: fallbackType, data: fallback } };
    } else {
      if (!EXT_TYPES[ext]) return this.placeholderRun(name, alt, extra);
      const data = this.readImage(file);
      const type = data && sniffImageType(data);
      if (!type) return this.placeholderRun(name, alt, extra);
      media = { type, data };
    }
    const maxWidth = Math.max(1, Math.floor(ctx.width / TWIPS_PER_PX));
    // An HTML <img width=…> asks for a display width: honour it (within the text width).
    const wanted = img.display_width ? Math.min(img.display_width, maxWidth) : null;
    // docx-js sizes pictures in pixels at 96 dpi; the theme's dpi scales the natural size.
    const natural = 96 / this.t.image.dpi;
    const size = wanted
      ? fitImage(wanted, Math.max(1, Math.round((img.height * wanted) / img.width)), maxWidth,
        this.t.image.maxHeightPx)
      : fitImage(Math.max(1, Math.round(img.width * natural)), Math.max(1, Math.round(img.height * natural)), maxWidth,
        this.t.image.maxHeightPx);
    return new ImageRun({
      ...media,
      transformation: size,
      altText: { name: cleanInline(name), description: cleanInline(alt), title: cleanInline(alt) },
    });
  }

  // Runs -> paragraph children. Consecutive text runs with the same link share one
  // hyperlink element.
  renderRuns(runs, ctx, extra = {}) {
    const out = [];
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      if ("break" in run) out.push(new TextRun({ break: 1 }));
      else if ("image" in run) out.push(this.imageRun(run.image, ctx, extra));
      else if ("missing_image" in run) {
        out.push(this.placeholderRun(run.missing_image.ref, run.missing_image.alt, extra));
      } else if ("footnote" in run) {
        out.push(this.footnoteRun(run.footnote, ctx, extra));
      } else if (run.link && run.link !== "#") {
        let j = i;
        const group = [];
        while (j < runs.length && "text" in runs[j] && runs[j].link === run.link) group.push(runs[j++]);
        i = j - 1;
        const children = group.map((r) => this.textRun(r, extra));
        out.push(
          run.link.startsWith("#")
            ? new InternalHyperlink({ anchor: bookmarkName(run.link.slice(1)), children })
            : new ExternalHyperlink({ link: safeUrl(run.link), children }),
        );
      } else {
        out.push(this.textRun({ ...run, link: undefined }, extra));
      }
    }
    return out;
  }

  // Paragraph properties every block paragraph at this place shares.
  // Numbered paragraphs (listProps) take their indent from the numbering level or listProps.
  placeProps(ctx, { quoteStyle = true, numbered = false } = {}) {
    const props = {};
    if (ctx.left && !numbered) props.indent = { left: ctx.left };
    if (quoteStyle && ctx.quoteDepth > 0) props.style = "Quote";
    return props;
  }

  // -- blocks ----------------------------------------------------------------------------

  heading(block, ctx) {
    const props = this.placeProps(ctx, { quoteStyle: false });
    return [
      new Paragraph({
        ...props,
        heading: HEADING_LEVELS[block.level],
        children: [new Bookmark({ id: bookmarkName(block.id), children: this.renderRuns(block.runs, ctx) })],
      }),
    ];
  }

  // listProps: numbering / indent of a list item's first paragraph; lead: runs put before
  // the paragraph's own (a task item's box).
  paragraph(block, ctx, listProps, lead = []) {
    const runs = block.runs;
    const imageOnly = runs.length === 1 && ("image" in runs[0] || "missing_image" in runs[0]);
    const props = { ...this.placeProps(ctx, { numbered: !!listProps }), ...listProps };
    if (imageOnly && !listProps) props.alignment = AlignmentType.CENTER;
    // Single line spacing where there is a picture: a multiple of the line height
    // would also multiply the picture's height, and a page-high picture would overflow.
    if (runs.some((r) => "image" in r)) props.spacing = { line: 240, lineRule: LineRuleType.AUTO };
    const caption = imageOnly && "image" in runs[0] && runs[0].image.caption;
    if (caption) props.keepNext = true; // the picture stays with its caption
    const out = [new Paragraph({ ...props, children: [...lead, ...this.renderRuns(runs, ctx)] })];
    if (caption) out.push(this.figureCaption(runs[0].image.caption, ctx, !listProps));
    return out;
  }

  // "Figure N: caption" under a picture; N is a SEQ field (Word and LibreOffice number
  // figures with it) whose cached result is the number, so every viewer shows it.
  figureCaption(text, ctx, centred) {
    const n = ++this.figureCount;
    const label = this.t.caption.figureLabel;
    return new Paragraph({
      style: "Caption",
      alignment: centred ? AlignmentType.CENTER : undefined,
      ...(ctx.left ? { indent: { left: ctx.left } } : {}),
      children: [
        new TextRun(`${label} `),
        new SimpleField(`SEQ ${label.replace(/\s+/g, "_")} \\* ARABIC`, String(n)),
        new TextRun(`: ${cleanInline(text)}`),
      ],
    });
  }

  // The runs of one code line: from `lines` (coloured) when given, else the plain line.
  // Spaces are kept, tabs become <w:tab/>, a carriage return at the end of a line is
  // dropped and any other becomes a visible ␍ (as for the plain text).
  codeLineRuns(line, runs) {
    if (!runs) return line ? [new TextRun({ children: textChildren(line) })] : [];
    const out = [];
    runs.forEach((r, i) => {
      let text = cleanText(r.text);
      if (i === runs.length - 1) text = text.replace(/\r$/, "");
      text = text.replace(/\r/g, "\u240D");
      if (!text) return;
      const opts = { children: textChildren(text) };
      if (r.color) opts.color = r.color.toUpperCase();
      if (r.bold) opts.bold = true;
      if (r.italic) opts.italics = true;
      out.push(new TextRun(opts));
    });
    return out;
  }

  // One SourceCode (LogOutput for logs) paragraph per line, spaces and tabs kept (tabs as
  // <w:tab/>, aligned by the style's tab stops every `tabColumns` characters); blank lines
  // stay (empty paragraphs); long lines wrap. `lines`, when given, colours the runs.
  code(block, ctx) {
    if (block.body) return this.codeBodyTemplates(block, ctx);
    const c = this.t.code;
    const raw = block.text.split("\n");
    const lines = raw.map(codeLine);
    const style = block.language === "log" ? "LogOutput" : "SourceCode";
    return lines.map((line, i) => {
      const props = { style };
      if (ctx.left) props.indent = { left: ctx.left };
      const spacing = {};
      if (i === 0) spacing.before = c.spacingOuter;
      if (i === lines.length - 1) spacing.after = c.spacingOuter;
      if (Object.keys(spacing).length) props.spacing = spacing;
      const children = this.codeLineRuns(line, Array.isArray(block.lines) ? block.lines[i] : null);
      return new Paragraph({ ...props, children });
    });
  }

  // A code block whose lines are in a file (block.body: {path, lines, palette, line_styles},
  // docs/json-contract.md): one template paragraph per position a line can have (first,
  // middle, last, or the only line), each holding one marked run per palette entry. docx-js
  // writes them like any other code paragraph; ./package.js then streams the file's lines
  // through these templates, so the result is byte for byte what code() would give for the
  // same lines, without one docx-js object per line.
  codeBodyTemplates(block, ctx) {
    const c = this.t.code;
    const n = block.body.lines;
    const palette = block.body.palette && block.body.palette.length ? block.body.palette : [{}];
    const style = block.language === "log" ? "LogOutput" : "SourceCode";
    const positions = n === 1 ? ["only"] : n === 2 ? ["first", "last"] : ["first", "middle", "last"];
    const id = this.splices.length;
    const mark = (pos, s) => `${this.nonce}_${id}_${pos}_${s}`;
    const paragraphs = positions.map((pos) => {
      const props = { style };
      if (ctx.left) props.indent = { left: ctx.left };
      const spacing = {};
      if (pos === "first" || pos === "only") spacing.before = c.spacingOuter;
      if (pos === "last" || pos === "only") spacing.after = c.spacingOuter;
      if (Object.keys(spacing).length) props.spacing = spacing;
      const children = palette.map((p, s) => {
        const opts = { children: [mark(pos, s)] };
        if (p.color) opts.color = p.color.toUpperCase();
        if (p.bold) opts.bold = true;
        if (p.italic) opts.italics = true;
        return new TextRun(opts);
      });
      return new Paragraph({ ...props, children });
    });
    this.splices.push({ id, body: block.body, positions, paletteSize: palette.length, mark });
    return paragraphs;
  }

  html(block, ctx) {
    return this.code({ text: block.text, language: null }, ctx);
  }

  // The box of a task item (checked: true/false), in the task font.
  taskBox(checked) {
    const task = this.t.list.task;
    return new TextRun({ text: checked ? task.checked : task.unchecked, font: task.font });
  }

  list(block, ctx) {
    const t = this.t;
    const level = Math.min(ctx.listDepth, MAX_LIST_LEVEL);
    let numbering;
    if (block.ordered) {
      const start = Number.isInteger(block.start) ? block.start : 1;
      this.orderedStarts.add(start);
      numbering = { reference: `docgen-ordered-start-${start}`, level, instance: this.nextInstance++ };
    } else {
      numbering = { reference: BULLET_REF, level, instance: 0 };
    }
    const itemLeft = ctx.left + t.list.indent;
    const itemCtx = {
      ...ctx,
      left: itemLeft,
      width: ctx.width - t.list.indent,
      listDepth: ctx.listDepth + 1,
    };
    // The numbering level already indents (level + 1) * indent; say it explicitly only
    // where quotes (or levels deeper than Word's 9) move the item elsewhere.
    const listProps = { numbering };
    if (itemLeft !== t.list.indent * (level + 1)) listProps.indent = { left: itemLeft, hanging: t.list.hanging };
    // A task item of a bulleted list shows its box where the bullet would be: no numbering,
    // the same hanging indent, the box and a tab (to the indent) before the text. In a
    // numbered list the number stays and the box follows it.
    const taskProps = { style: "ListParagraph", indent: { left: itemLeft, hanging: t.list.hanging } };

    const out = [];
    for (const item of block.items) {
      const task = typeof item.checked === "boolean";
      let props = task && !block.ordered ? taskProps : listProps;
      if (props === taskProps && ctx.quoteDepth > 0) props = { ...taskProps, style: "Quote" };
      const lead = task ? [this.taskBox(item.checked), block.ordered ? new TextRun(" ") : new TextRun({ children: [new Tab()] })] : [];
      const [first, ...rest] = item.blocks;
      if (first && first.type === "paragraph") {
        out.push(...this.paragraph(first, itemCtx, props, lead));
      } else {
        // The number/bullet needs a paragraph of its own when the item starts with
        // something else (code, a nested list, a table...) or is empty.
        out.push(new Paragraph({ ...this.placeProps(itemCtx, { numbered: true }), ...props, children: lead }));
        if (first) rest.unshift(first);
      }
      for (const o of this.blocks(rest, itemCtx)) out.push(o); // no spread: may be 100k+ paragraphs
    }
    return out;
  }

  // Tables: fixed layout with explicit column widths that fill the text width; a bold
  // shaded header row repeated on every page. Wide tables (table.wide.minColumns columns or
  // more) get a smaller font and tighter margins; very wide ones (table.landscape.minColumns
  // or more) also a landscape section of their own, and the width of a landscape page.
  table(block, ctx) {
    const tt = this.t.table;
    const ncols = Math.max(block.header.length, ...block.rows.map((r) => r.length));
    const wide = ncols >= tt.wide.minColumns;
    const landscape = ncols >= tt.landscape.minColumns && !ctx.inNote && !ctx.landscape;
    const cellMargin = wide ? tt.wide.cellMargin : tt.cellMargin;
    const fontSize = wide ? tt.wide.fontSize : tt.fontSize;
    const opts = { ...tt, cellMargin, charWidth: Math.round((tt.charWidth * fontSize) / tt.fontSize) };
    let width = ctx.width;
    if (landscape) width = landscapeTextWidth(this.t) - (textWidth(this.t) - ctx.width);

    const pad = (cells) => cells.concat(Array.from({ length: ncols - cells.length }, () => []));
    const header = pad(block.header);
    const rows = block.rows.map(pad);
    const total = Math.max(ncols * 200, width);
    const columns = header.map((h, c) => [h, ...rows.map((r) => r[c])]);
    const widths = columnWidths(columns, total, opts);
    const cellBorder = { style: BorderStyle.SINGLE, size: tt.borderSize, color: tt.borderColor };

    const makeCell = (runs, c, isHeader) => {
      const cellCtx = { ...ctx, left: 0, width: widths[c] - cellMargin.left - cellMargin.right, quoteDepth: 0, listDepth: 0 };
      const align = ALIGNMENTS[block.align[c]];
      const paragraph = new Paragraph({
        style: wide ? "TableTextSmall" : "TableText",
        alignment: align,
        keepNext: isHeader || undefined,
        children: this.renderRuns(runs, cellCtx, isHeader ? { bold: true } : {}),
      });
      return new TableCell({
        children: [paragraph],
        width: { size: widths[c], type: WidthType.DXA },
        shading: isHeader ? shading(tt.headerShading) : undefined,
      });
    };

    const tableRows = [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, c) => makeCell(h, c, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((cell, c) => makeCell(cell, c, false)) })),
    ];
    const table = new Table({
      rows: tableRows,
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      indent: ctx.left ? { size: ctx.left, type: WidthType.DXA } : undefined,
      margins: cellMargin,
      borders: {
        top: cellBorder,
        bottom: cellBorder,
        left: cellBorder,
        right: cellBorder,
        insideHorizontal: cellBorder,
        insideVertical: cellBorder,
      },
    });
    const out = [];
    if (typeof block.caption === "string" && block.caption.trim()) {
      out.push(new Paragraph({
        style: "Caption",
        keepNext: true,
        ...(ctx.left ? { indent: { left: ctx.left } } : {}),
        children: [new TextRun({ children: textChildren(cleanInline(block.caption)) })],
      }));
    }
    // A small fixed-height paragraph after every table: keeps the following text off
    // the table, and keeps two consecutive tables from being merged into one by Word.
    out.push(table, this.spacer(tt.spacingAfter));
    return landscape ? [new SectionMark("landscape"), ...out, new SectionMark("portrait")] : out;
  }

  quote(block, ctx) {
    const q = this.t.quote;
    const inner = { ...ctx, left: ctx.left + q.indent, width: ctx.width - q.indent, quoteDepth: ctx.quoteDepth + 1 };
    return this.blocks(block.blocks, inner);
  }

  rule(block, ctx) {
    const r = this.t.rule;
    return [
      new Paragraph({
        ...(ctx.left ? { indent: { left: ctx.left } } : {}),
        border: { bottom: { style: BorderStyle.SINGLE, size: r.size, color: r.color, space: r.space } },
        children: [],
      }),
    ];
  }

  // An empty paragraph exactly `height` twips high.
  spacer(height) {
    return new Paragraph({ spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT }, children: [] });
  }

  // A sequence of blocks. Two preformatted blocks in a row get a spacer between them:
  // Word and LibreOffice draw one box around adjacent paragraphs with the same borders,
  // which would merge them into one code block.
  // Headings right before a landscape table move onto its landscape page with it.
  // `defer` (the top level of a document written in pieces, see defers()): only early
  // blocks (buildsEarly) are built now; each run of other blocks becomes a unit, represented
  // by a marker paragraph that ./deferred.js replaces with the unit's XML.
  blocks(blocks, ctx, defer = false) {
    const out = [];
    let headingsStart = -1; // where the run of headings just before this block starts in out
    let unit = null; // the unit being filled
    blocks.forEach((b, i) => {
      const spacer = i > 0 && PREFORMATTED.has(b.type) && PREFORMATTED.has(blocks[i - 1].type);
      if (defer && !buildsEarly(b, this.t)) {
        if (!unit || unit.blocks >= UNIT_MAX_BLOCKS || unit.paragraphs >= UNIT_MAX_PARAGRAPHS) {
          const mark = `${this.nonce}_unit_${this.units.length}`;
          unit = { mark, marker: new Paragraph({ children: [new TextRun(mark)] }), items: [], ctx, blocks: 0, paragraphs: 0 };
          this.units.push(unit);
          out.push(unit.marker);
        }
        if (spacer) unit.items.push(null); // null: the spacer between two preformatted blocks
        unit.items.push(b);
        unit.blocks += 1;
        unit.paragraphs += paragraphEstimate([b]);
        headingsStart = -1;
        return;
      }
      unit = null;
      if (spacer) out.push(this.spacer(this.t.code.spacingOuter));
      const rendered = this.block(b, ctx);
      if (headingsStart >= 0 && rendered[0] instanceof SectionMark && rendered[0].orientation === "landscape") {
        out.splice(headingsStart, 0, rendered.shift());
      }
      if (b.type !== "heading") headingsStart = -1;
      else if (headingsStart < 0) headingsStart = out.length;
      for (const o of rendered) out.push(o); // no spread: a long code block is 100k+ paragraphs
    });
    return out;
  }

  // Whether the body is written in pieces (./deferred.js): a long document (no page-number
  // estimate, which needs the whole body) whose early blocks (buildsEarly) hold no footnote
  // reference or picture: those are numbered in the order they are built, and early
  // blocks are built before the units. Otherwise everything is built at once.
  defers() {
    if (this.defer === false || this.pageNumbersOption === true) return false;
    if (this.paragraphs() <= DEFER_MIN_PARAGRAPHS) return false;
    for (const b of this.s.blocks) {
      if (!buildsEarly(b, this.t)) continue;
      for (const run of blockRuns(b)) if ("footnote" in run || "image" in run) return false;
    }
    return true;
  }

  // The docx-js objects of a unit (see blocks()).
  renderUnit(unit) {
    const out = [];
    for (const b of unit.items) {
      if (b === null) {
        out.push(this.spacer(this.t.code.spacingOuter));
        continue;
      }
      for (const o of this.block(b, unit.ctx)) {
        if (o instanceof SectionMark) throw new Error("internal: a section break inside a deferred unit");
        out.push(o);
      }
    }
    return out;
  }

  block(block, ctx) {
    const render = BLOCK_RENDERERS[block.type];
    if (!render) throw new SchemaError("", `unknown block type ${JSON.stringify(block.type)}`);
    return render.call(this, block, ctx);
  }

  // -- document --------------------------------------------------------------------------

  // The title page: title (with a rule under it), subtitle, author, date.
  titlePage() {
    const t = this.t;
    const meta = this.s.meta;
    const out = [];
    const title = cleanInline(meta.title).trim();
    const rule = t.titlePage.rule;
    out.push(new Paragraph({
      style: "Title",
      spacing: { before: t.titlePage.spaceBefore },
      border: { bottom: { style: BorderStyle.SINGLE, size: rule.size, color: rule.color, space: rule.space } },
      children: title ? [new TextRun(title)] : [],
    }));
    if (typeof meta.subtitle === "string" && meta.subtitle.trim()) {
      out.push(new Paragraph({ style: "Subtitle", children: [new TextRun(cleanInline(meta.subtitle).trim())] }));
    } else {
      out.push(this.spacer(t.subtitle.spacingAfter));
    }
    out.push(new Paragraph({ style: "TitleMeta", children: [new TextRun(this.author())] }));
    const date = (typeof meta.date === "string" && meta.date.trim()) || isoDate(meta.created);
    if (date) out.push(new Paragraph({ style: "TitleMeta", children: [new TextRun(cleanInline(date).trim())] }));
    return out;
  }

  // The contents page: a "Contents" title and the TOC field. docx-js fills the field's
  // result with one entry per Heading1-3 paragraph (styles TOC1-TOC3, each a hyperlink to
  // a _Toc bookmark it puts on the heading, with a PAGEREF field after a dotted right tab),
  // so viewers that never update fields show it. The page numbers are those of docx's
  // layout estimator when it runs (see pageNumbersEstimator), else blank and the field is
  // left dirty for Word to fill.
  tocPage() {
    return [
      new Paragraph({
        style: "TOCHeading",
        pageBreakBefore: true,
        children: [new TextRun(cleanInline(this.t.toc.title))],
      }),
      new TableOfContents(cleanInline(this.t.toc.title), {
        hyperlink: true,
        headingStyleRange: "1-3",
        hideTabAndPageNumbersInWebView: true,
        useAppliedParagraphOutlineLevel: true,
      }),
    ];
  }

  author() {
    const a = cleanInline(this.s.meta.author || "").trim();
    return a || "docgen"; // never empty: docx-js would write "Un-named"
  }

  // paragraphEstimate of the whole body, worked out once.
  paragraphs() {
    if (this.paragraphCount === undefined) this.paragraphCount = paragraphEstimate(this.s.blocks);
    return this.paragraphCount;
  }

  wantsToc() {
    return this.s.meta.toc === true && hasTocHeading(this.s.blocks);
  }

  // docx's layout estimator (docx/layout) writes the page numbers of the TOC entries (and
  // the "of Y" of the footer) into the file. `guess: true`: where it meets something it
  // cannot lay out exactly as Word (a symbol without known width, an unknown font), it
  // guesses instead of leaving the rest blank. Used only with a table of contents and up
  // to PAGE_NUMBER_PARAGRAPH_LIMIT paragraphs (it costs about 2 ms per paragraph).
  pageNumbersEstimator() {
    if (this.pageNumbersOption === false) return undefined;
    if (this.pageNumbersOption !== true) {
      if (!this.wantsToc()) return undefined;
      if (this.paragraphs() > PAGE_NUMBER_PARAGRAPH_LIMIT) return undefined;
    }
    const { estimatePageNumbersWith } = require("docx/layout");
    const estimate = estimatePageNumbersWith({ guess: true });
    // Page numbers are a nicety: if the estimator fails, the entries stay, without numbers.
    const safe = (body, context) => {
      try {
        return estimate(body, context);
      } catch {
        return { bookmarks: new Map() };
      }
    };
    // (No `listNumbers`: headings are never numbered here, and it costs a layout pass.)
    return safe;
  }

  build() {
    const t = this.t;
    const meta = this.s.meta;
    const ctx = { left: 0, width: textWidth(t), quoteDepth: 0, listDepth: 0, landscape: false, inNote: false };
    let body;
    if (this.defers()) {
      // the numbering definitions are part of the document: known before the units are built
      this.orderedStarts = orderedStartsOf(this.s.blocks);
      body = this.blocks(this.s.blocks, ctx, true);
    } else {
      body = this.blocks(this.s.blocks, ctx);
    }

    const title = cleanInline(meta.title);
    const header = () => new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [new TextRun({ text: title, size: t.header.size, color: t.header.color })],
        }),
      ],
    });
    const footer = () => new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
              size: t.footer.size,
              color: t.footer.color,
            }),
          ],
        }),
      ],
    });
    const blank = (Kind) => new Kind({ children: [new Paragraph({ children: [] })] });
    const margin = { ...t.page.margin, header: t.page.header, footer: t.page.footer };
    const pageProps = (orientation) => ({
      // docx-js swaps width and height for a landscape page
      size: { width: t.page.width, height: t.page.height, orientation },
      margin,
    });

    // Section 1: the title page (different first page: no header or footer) and, with
    // meta.toc, the contents page(s). Then the body, starting on a new page, split into
    // portrait and landscape sections at the SectionMarks.
    const sections = [
      {
        properties: { titlePage: true, page: pageProps(PageOrientation.PORTRAIT) },
        headers: { default: header(), first: blank(Header) },
        footers: { default: footer(), first: blank(Footer) },
        children: [...this.titlePage(), ...(this.wantsToc() ? this.tocPage() : [])],
      },
    ];
    let current = null;
    const open = (orientation) => {
      current = {
        properties: { type: SectionType.NEXT_PAGE, page: pageProps(orientation) },
        headers: { default: header() },
        footers: { default: footer() },
        children: [],
        orientation,
      };
    };
    const close = () => {
      if (current && current.children.length > 0) {
        delete current.orientation;
        sections.push(current);
      }
      current = null;
    };
    // Two landscape tables with nothing between them share one landscape section.
    const merged = body.filter((child, i) => !(
      (child instanceof SectionMark && child.orientation === "portrait" && body[i + 1] instanceof SectionMark && body[i + 1].orientation === "landscape") ||
      (child instanceof SectionMark && child.orientation === "landscape" && body[i - 1] instanceof SectionMark && body[i - 1].orientation === "portrait")
    ));
    open(PageOrientation.PORTRAIT);
    for (const child of merged) {
      if (child instanceof SectionMark) {
        const orientation = child.orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT;
        if (current.orientation !== orientation) {
          close();
          open(orientation);
        }
      } else {
        current.children.push(child);
      }
    }
    close();

    const numbering = {
      config: [bulletDefinition(t), ...[...this.orderedStarts].sort((a, b) => a - b).map((s) => orderedDefinition(t, s))],
    };

    const author = this.author();
    const pageNumbers = this.pageNumbersEstimator();
    // The units hold the blocks they have yet to build, and let them go once built.
    if (this.units.length) this.s = { ...this.s, blocks: null };
    return new Document({
      title,
      creator: author,
      lastModifiedBy: author,
      ...(meta.description !== undefined ? { description: cleanInline(meta.description) } : {}),
      styles: buildStyles(t),
      numbering,
      footnotes: this.notes,
      ...(pageNumbers ? { pageNumbers } : {}),
      sections,
    });
  }
}

const BLOCK_RENDERERS = {
  heading: Builder.prototype.heading,
  paragraph: Builder.prototype.paragraph,
  code: Builder.prototype.code,
  html: Builder.prototype.html,
  list: Builder.prototype.list,
  table: Builder.prototype.table,
  quote: Builder.prototype.quote,
  rule: Builder.prototype.rule,
};

// ---------------------------------------------------------------------------------------
// Public API

class InputError extends Error {
  constructor(message) {
    super(message);
    this.name = "InputError";
  }
}

// structure: the parsed JSON. Throws SchemaError if it does not match the contract.
// options.theme: a theme object (default: ./theme.js with meta.theme merged over it);
// options.baseDir: where relative image paths are resolved (the contract says they are
// absolute); options.pageNumbers: false never runs the page-number estimator, true always
// does (default: only for a table of contents of a document of moderate size).
function buildDocument(structure, options = {}) {
  return buildPackage(structure, options).doc;
}

// The Document and the code bodies to splice into it when it is written (./package.js).
function buildPackage(structure, options = {}) {
  assertValidStructure(structure);
  const builder = new Builder(structure, options);
  const doc = builder.build();
  return { doc, splices: builder.splices, deferred: builder.units.length ? builder : null };
}

// Reads inPath, validates, builds and writes outPath atomically (temp file + rename).
// Rejects with InputError (invalid JSON or structure) or any other error.
async function convert(inPath, outPath, options = {}) {
  let text;
  try {
    text = fs.readFileSync(inPath, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${inPath}: ${fsReason(e)}`);
  }
  let structure;
  try {
    structure = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${e.message}`);
  }
  text = null; // the JSON text can be large: let it go before the document is built
  let built;
  try {
    built = buildPackage(structure, { baseDir: path.dirname(path.resolve(inPath)), ...options });
  } catch (e) {
    if (e instanceof SchemaError) throw new InputError(e.message);
    throw e;
  }
  structure = null;
  const tmp = `${outPath}.tmp-${process.pid}`;
  try {
    await writePackage(built.doc, built.splices, tmp, built.deferred);
    fs.renameSync(tmp, outPath);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    // (the temporary file, and the scratch file of a body written in pieces, are ours)
    if (e && e.code && e.path && !e.path.startsWith(tmp)) throw new Error(`cannot read ${e.path}: ${fsReason(e)}`);
    if (e && e.code) throw new Error(`cannot write ${outPath}: ${fsReason(e)}`);
    throw e;
  }
}

function fsReason(e) {
  const reasons = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    ENOSPC: "no space left on device",
  };
  return reasons[e.code] || e.message;
}

module.exports = {
  buildDocument,
  buildPackage,
  convert,
  InputError,
  // exported for tests
  cleanText,
  textChildren,
  bookmarkName,
  safeUrl,
  fitImage,
  columnWidths,
};
