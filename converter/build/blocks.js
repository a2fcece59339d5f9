"use strict";
// Block renderers (docs/json-contract.md, "Blocks"): one function per block type, each
// taking the builder (./document.js: the document's state and theme, builder.t), the block
// and its context, and returning docx-js objects. Lists are ./lists.js's, tables
// ./tables.js's; the builder dispatches by type (builder.block, builder.blocks).
//
// Context (`ctx`) passed down while rendering nested blocks:
//   left       left indent in twips of the text of an ordinary block at this place
//              (list items and quotes add to it)
//   width      the text width available at this place, in twips (for images, tables)
//   quoteDepth how many quotes enclose this place (0 = none)
//   listDepth  the numbering level a list at this place gets (0-based)
//   landscape  true inside a landscape section (a very wide table)
//   inNote     true inside a footnote body (no nested footnotes, no section breaks)
//   inItem     true in a list item's blocks after its first paragraph (its continuation)
//
// Sections: block renderers return docx-js objects, and may return SectionMark objects
// around content that needs a section of its own (a landscape page for a very wide
// table); the builder splits the body at these marks into docx-js sections.

const { AlignmentType, Bookmark, BorderStyle, HeadingLevel, LineRuleType, Paragraph, SimpleField, TextRun } = require("docx");
const { cleanText, codeLine } = require("../text");
const { cleanInline, textChildren, bookmarkName, renderRuns } = require("./runs");
const { buildsEarly, deferBlock } = require("./units");
const { equation } = require("./math");

const PREFORMATTED = new Set(["code", "html"]);
const PARAGRAPH_ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

const HEADING_LEVELS = [
  null,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

// A section boundary in the rendered body: content between a "landscape" mark and the
// next "portrait" mark goes into a landscape section.
class SectionMark {
  constructor(orientation) {
    this.orientation = orientation;
  }
}

// Paragraph properties every block paragraph at this place shares.
// Numbered paragraphs (listProps) take their indent from the numbering level or listProps.
function placeProps(ctx, { quoteStyle = true, numbered = false } = {}) {
  const props = {};
  if (ctx.left && !numbered) props.indent = { left: ctx.left };
  if (quoteStyle && ctx.quoteDepth > 0) props.style = "Quote";
  Object.assign(props, itemProps(ctx, numbered));
  return props;
}

// A list item's continuation (a second paragraph, a code block, a quote...) is a
// paragraph with numbering explicitly off (numId 0): Word and LibreOffice show no bullet
// or number, the item's indent holds it, and readers (pandoc) keep it in the item; the
// list's numbering goes on after it.
function itemProps(ctx, numbered = false) {
  return ctx.inItem && !numbered ? { numbering: false } : {};
}

function heading(builder, block, ctx) {
  const props = placeProps(ctx, { quoteStyle: false });
  return [
    new Paragraph({
      ...props,
      heading: HEADING_LEVELS[block.level],
      children: [new Bookmark({ id: bookmarkName(block.id), children: renderRuns(builder, block.runs, ctx) })],
    }),
  ];
}

// listProps: numbering / indent of a list item's first paragraph; lead: runs put before
// the paragraph's own (a task item's box).
function paragraph(builder, block, ctx, listProps, lead = []) {
  if (block.runs.some((r) => r.display)) return displayMath(builder, block, ctx, listProps, lead);
  const runs = block.runs;
  const imageOnly = runs.length === 1 && ("image" in runs[0] || "missing_image" in runs[0]);
  const props = { ...placeProps(ctx, { numbered: !!listProps }), ...listProps };
  if (imageOnly && !listProps) props.alignment = AlignmentType.CENTER;
  if (block.align && !listProps) props.alignment = PARAGRAPH_ALIGN[block.align];
  // Single line spacing where there is a picture: a multiple of the line height
  // would also multiply the picture's height, and a page-high picture would overflow.
  if (runs.some((r) => "image" in r)) props.spacing = { line: 240, lineRule: LineRuleType.AUTO };
  const caption = imageOnly && "image" in runs[0] && runs[0].image.caption;
  if (caption) props.keepNext = true; // the picture stays with its caption
  const out = [new Paragraph({ ...props, children: [...lead, ...renderRuns(builder, runs, ctx)] })];
  if (caption) out.push(figureCaption(builder, runs[0].image.caption, ctx, !listProps));
  return out;
}

// A paragraph holding display formulas ($$…$$, ```math): each formula becomes a centred
// paragraph of its own (m:oMathPara), the text around it paragraphs of their own (the first
// one keeps the list numbering); a formula that does not convert is a code block.
function displayMath(builder, block, ctx, listProps, lead) {
  const pieces = [[]];
  for (const r of block.runs) {
    if (r.display) pieces.push(r, []);
    else pieces[pieces.length - 1].push(r);
  }
  const out = [];
  let first = true;
  const place = () => (first ? { ...placeProps(ctx, { numbered: !!listProps }), ...listProps } : placeProps(ctx));
  for (const piece of pieces) {
    if (Array.isArray(piece)) {
      const runs = piece.filter((r) => !("text" in r) || r.text.trim());
      if (!runs.length && !(first && (lead.length || listProps))) continue;
      out.push(...paragraph(builder, { runs }, ctx, first ? listProps : undefined, first ? lead : []));
    } else {
      const eq = equation(builder, piece, true);
      if (eq) {
        out.push(new Paragraph({ ...place(), alignment: AlignmentType.CENTER, children: [...(first ? lead : []), eq] }));
      } else {
        if (first && (lead.length || listProps)) out.push(new Paragraph({ ...place(), children: lead }));
        out.push(...code(builder, { text: piece.math, language: null }, ctx));
      }
    }
    first = false;
  }
  return out;
}

// "Figure N: caption" under a picture; N is a SEQ field (Word and LibreOffice number
// figures with it) whose cached result is the number, so every viewer shows it.
function figureCaption(builder, text, ctx, centred) {
  const n = ++builder.figureCount;
  const label = builder.t.caption.figureLabel;
  return new Paragraph({
    style: "Caption",
    alignment: centred ? AlignmentType.CENTER : undefined,
    ...(ctx.left ? { indent: { left: ctx.left } } : {}),
    ...itemProps(ctx),
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
function codeLineRuns(line, runs) {
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
    if (r.underline) opts.underline = {};
    out.push(new TextRun(opts));
  });
  return out;
}

// One SourceCode (LogOutput for logs) paragraph per line, spaces and tabs kept (tabs as
// <w:tab/>, aligned by the style's tab stops every `tabColumns` characters); blank lines
// stay (empty paragraphs); long lines wrap. `lines`, when given, colours the runs.
function code(builder, block, ctx) {
  if (block.body) return codeBodyTemplates(builder, block, ctx);
  const c = builder.t.code;
  const raw = block.text.split("\n");
  const lines = raw.map(codeLine);
  const style = block.language === "log" ? "LogOutput" : "SourceCode";
  if (ctx.inItem && lines.length > 1) return [codeInItem(builder, block, lines, style, ctx)];
  return lines.map((line, i) => {
    const props = { style, ...itemProps(ctx) };
    if (ctx.left) props.indent = { left: ctx.left };
    const spacing = {};
    if (i === 0) spacing.before = c.spacingOuter;
    if (i === lines.length - 1) spacing.after = c.spacingOuter;
    if (Object.keys(spacing).length) props.spacing = spacing;
    let children = codeLineRuns(line, Array.isArray(block.lines) ? block.lines[i] : null);
    const anchor = block.anchors && block.anchors[String(i)];
    if (anchor) children = [new Bookmark({ id: bookmarkName(anchor), children })];
    return new Paragraph({ ...props, children });
  });
}

// A code block inside a list item, after its first paragraph: ONE paragraph whose lines
// are separated by line breaks (w:br), so that it stays one block of the item (readers
// such as pandoc take each numbering-off paragraph of an item for a block of its own).
function codeInItem(builder, block, lines, style, ctx) {
  const c = builder.t.code;
  const children = [];
  lines.forEach((line, i) => {
    if (i > 0) children.push(new TextRun({ break: 1 }));
    for (const r of codeLineRuns(line, Array.isArray(block.lines) ? block.lines[i] : null)) children.push(r);
  });
  const props = { style, ...itemProps(ctx), spacing: { before: c.spacingOuter, after: c.spacingOuter } };
  if (ctx.left) props.indent = { left: ctx.left };
  return new Paragraph({ ...props, children });
}

// A code block whose lines are in a file (block.body: {path, lines, palette, line_styles},
// docs/json-contract.md): one template paragraph per position a line can have (first,
// middle, last, or the only line), each holding one marked run per palette entry. docx-js
// writes them like any other code paragraph; ../write/package.js then streams the file's lines
// through these templates, so the result is byte for byte what code() would give for the
// same lines, without one docx-js object per line.
function codeBodyTemplates(builder, block, ctx) {
  const c = builder.t.code;
  const n = block.body.lines;
  const palette = block.body.palette && block.body.palette.length ? block.body.palette : [{}];
  const style = block.language === "log" ? "LogOutput" : "SourceCode";
  const positions = n === 1 ? ["only"] : n === 2 ? ["first", "last"] : ["first", "middle", "last"];
  const id = builder.splices.length;
  const mark = (pos, s) => `${builder.nonce}_${id}_${pos}_${s}`;
  const paragraphs = positions.map((pos) => {
    const props = { style, ...itemProps(ctx) };
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
  const anchors = block.anchors ? Object.fromEntries(Object.entries(block.anchors).map(([k, v]) => [k, bookmarkName(v)])) : null;
  builder.splices.push({ id, body: block.body, positions, paletteSize: palette.length, mark, anchors });
  return paragraphs;
}

function html(builder, block, ctx) {
  return code(builder, { text: block.text, language: null }, ctx);
}

function quote(builder, block, ctx) {
  const q = builder.t.quote;
  const inner = { ...ctx, left: ctx.left + q.indent, width: ctx.width - q.indent, quoteDepth: ctx.quoteDepth + 1 };
  return builder.blocks(block.blocks, inner);
}

function rule(builder, block, ctx) {
  const r = builder.t.rule;
  return [
    new Paragraph({
      ...(ctx.left ? { indent: { left: ctx.left } } : {}),
      ...itemProps(ctx),
      border: { bottom: { style: BorderStyle.SINGLE, size: r.size, color: r.color, space: r.space } },
      children: [],
    }),
  ];
}

// An empty paragraph exactly `height` twips high.
function spacer(height, props = {}) {
  return new Paragraph({ ...props, spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT }, children: [] });
}

// A sequence of blocks. Two preformatted blocks in a row get a spacer between them:
// Word and LibreOffice draw one box around adjacent paragraphs with the same borders,
// which would merge them into one code block.
// Headings right before a landscape table move onto its landscape page with it.
// `defer` (the top level of a document written in pieces, see ./units.js): only early
// blocks (buildsEarly) are built now; each run of other blocks becomes a unit, represented
// by a marker paragraph that ../write/deferred.js replaces with the unit's XML.
function renderBlocks(builder, blocks, ctx, defer = false) {
  const out = [];
  let headingsStart = -1; // where the run of headings just before this block starts in out
  let unit = null; // the unit being filled
  blocks.forEach((b, i) => {
    const needsSpacer = i > 0 && PREFORMATTED.has(b.type) && PREFORMATTED.has(blocks[i - 1].type);
    if (defer && !buildsEarly(b, builder)) {
      unit = deferBlock(builder, unit, b, needsSpacer, ctx, out);
      headingsStart = -1;
      return;
    }
    unit = null;
    if (needsSpacer) out.push(spacer(builder.t.code.spacingOuter, itemProps(ctx)));
    const rendered = builder.block(b, ctx);
    if (headingsStart >= 0 && rendered[0] instanceof SectionMark && rendered[0].orientation === "landscape") {
      out.splice(headingsStart, 0, rendered.shift());
    }
    if (b.type !== "heading") headingsStart = -1;
    else if (headingsStart < 0) headingsStart = out.length;
    for (const o of rendered) out.push(o); // no spread: a long code block is 100k+ paragraphs
  });
  return out;
}

// The docx-js objects of a unit (see renderBlocks), built when ../write/deferred.js
// formats it.
function renderUnit(builder, unit) {
  const out = [];
  for (const b of unit.items) {
    if (b === null) {
      out.push(spacer(builder.t.code.spacingOuter));
      continue;
    }
    for (const o of builder.block(b, unit.ctx)) {
      if (o instanceof SectionMark) throw new Error("internal: a section break inside a deferred unit");
      out.push(o);
    }
  }
  return out;
}

module.exports = {
  SectionMark,
  placeProps,
  itemProps,
  heading,
  paragraph,
  code,
  html,
  quote,
  rule,
  spacer,
  renderBlocks,
  renderUnit,
};
