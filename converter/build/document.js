"use strict";
// The block JSON (docs/json-contract.md, schema 1) -> a docx-js Document.
//
// The mapping is declarative: one function per block type (./blocks.js, ./lists.js,
// ./tables.js) and one per run kind (./runs.js, ./footnotes.js), each returning docx-js
// objects. All styling comes from ../theme.js (./styles.js makes Word styles of it); the
// renderers only decide which style applies where.
//
// The Builder holds what the renderers share while a document is built: the structure, the
// theme, list numbering, footnotes and figure numbers, the code bodies to splice in
// (../write/package.js) and the units of a document written in pieces (./units.js). The
// renderers are plain functions taking it. Rendering recurses across modules (a quote or a
// list item renders blocks, a footnote reference its footnote's body): those calls go
// through the builder's block(), blocks() and footnote(), so that the modules need not
// require each other in a circle.
//
// Here: the builder, the title and contents pages, the sections (the body is split at the
// renderers' SectionMarks, see ./blocks.js) and the Document.

const crypto = require("crypto");
const { AlignmentType, BorderStyle, Document, Footer, Header, PageNumber, PageOrientation, Paragraph, SectionType, TableOfContents, TextRun } = require("docx");
const { theme: defaultTheme, textWidth } = require("../theme");
const { labelsOf, pageChildren, themeOf } = require("./language");
const { assertValidStructure, SchemaError } = require("../contract/validate");
const { cleanInline } = require("./runs");
const { footnoteRun } = require("./footnotes");
const { SectionMark, heading, paragraph, code, html, quote, rule, spacer, renderBlocks, renderUnit } = require("./blocks");
const { list, numberingDefinitions, orderedStartsOf } = require("./lists");
const { table } = require("./tables");
const { buildStyles } = require("./styles");
const { PAGE_NUMBER_PARAGRAPH_LIMIT, paragraphEstimate, defers, portraitTables, splitLists } = require("./units");
const { lightBody, codeLineChars, codeLineFullChars } = require("./estimate");

const BLOCK_RENDERERS = { heading, paragraph, code, html, list, table, quote, rule };

function isoDate(s) {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(s || "");
  return m ? m[0] : null;
}

// The heading levels the table of contents lists: 1..meta.toc_levels (3 unless given; a
// document in parts lists its parts and chapters, 2).
function tocLevels(builder) {
  return builder.s.meta.toc_levels || 3;
}

// Whether blocks contain a heading the table of contents lists (level 1..levels).
function hasTocHeading(blocks, levels = 3) {
  return blocks.some((b) => {
    if (b.type === "heading") return b.level <= levels;
    if (b.type === "quote") return hasTocHeading(b.blocks, levels);
    if (b.type === "list") return b.items.some((it) => hasTocHeading(it.blocks, levels));
    return false;
  });
}

class Builder {
  constructor(structure, options = {}) {
    const { theme, baseDir = process.cwd(), pageNumbers } = options;
    // long top-level lists as consecutive ones, built in units (./units.js splitLists)
    const blocks = splitLists(structure.blocks, options.listMaxItems);
    this.s = blocks === structure.blocks ? structure : { ...structure, blocks };
    this.t = theme || themeOf(defaultTheme, structure.meta);
    this.labels = labelsOf(structure.meta);
    this.lang = null; // the language of the chapter being built, when not the document's (./language.js)
    this.baseDir = baseDir;
    this.pageNumbersOption = pageNumbers; // undefined: automatic; false: never; true: always
    this.lightEstimate = options.lightEstimate !== false; // ./estimate.js (false: tests)
    this.orderedStarts = new Set();
    this.nextInstance = 1;
    this.figureCount = 0;
    // Footnotes: bodies by id; references numbered 1, 2, ... in order of first reference.
    this.noteBodies = new Map((structure.footnotes || []).map((n) => [n.id, n.blocks]));
    this.noteNumbers = new Map(); // id -> number
    this.notes = {}; // number -> { children: [Paragraph] } (docx-js `footnotes`)
    // Code blocks whose lines are in a file (`body`): rendered as template paragraphs that
    // ../write/package.js replaces with one paragraph per line while it writes document.xml.
    this.splices = [];
    this.mathFailures = []; // formulas shown as code ({tex, display, reason}), see ./math.js
    this.nonce = `DOCGENSPLICE${crypto.randomBytes(6).toString("hex")}`;
    // Deferred units (./units.js), when the document is written in pieces.
    this.units = [];
    this.defer = options.defer;
    // Tables on portrait pages though wide enough for a landscape one (./units.js)
    this.portrait = portraitTables(structure.blocks, this.t, options.landscapeMaxCells);
    this.portraitTables = this.portrait.tables;
  }

  // One block: the renderer of its type.
  block(block, ctx) {
    const render = BLOCK_RENDERERS[block.type];
    if (!render) throw new SchemaError("", `unknown block type ${JSON.stringify(block.type)}`);
    if (block.lang === undefined) return render(this, block, ctx);
    const outer = this.lang;
    this.lang = block.lang;
    try {
      return render(this, block, ctx);
    } finally {
      this.lang = outer;
    }
  }

  // A sequence of blocks (./blocks.js renderBlocks; `defer`: see ./units.js).
  blocks(blocks, ctx, defer = false) {
    return renderBlocks(this, blocks, ctx, defer);
  }

  // A footnote reference (./footnotes.js).
  footnote(id, ctx, extra) {
    return footnoteRun(this, id, ctx, extra);
  }

  // The docx-js objects of a deferred unit, when ../write/deferred.js formats it.
  renderUnit(unit) {
    return renderUnit(this, unit);
  }

  // paragraphEstimate of the whole body, worked out once.
  paragraphs() {
    if (this.paragraphCount === undefined) this.paragraphCount = paragraphEstimate(this.s.blocks);
    return this.paragraphCount;
  }

  build() {
    return buildDocumentOf(this);
  }
}

// The title page: title (with a rule under it), subtitle, author, date.
function titlePage(builder) {
  const t = builder.t;
  const meta = builder.s.meta;
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
    out.push(spacer(t.subtitle.spacingAfter));
  }
  const by = author(builder);
  if (by) out.push(new Paragraph({ style: "TitleMeta", children: [new TextRun(by)] }));
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
function tocPage(builder) {
  return [
    new Paragraph({
      style: "TOCHeading",
      pageBreakBefore: true,
      children: [new TextRun(cleanInline(builder.t.toc.title))],
    }),
    new TableOfContents(cleanInline(builder.t.toc.title), {
      hyperlink: true,
      headingStyleRange: `1-${tocLevels(builder)}`,
      hideTabAndPageNumbersInWebView: true,
      useAppliedParagraphOutlineLevel: true,
    }),
  ];
}

function author(builder) {
  const a = cleanInline(builder.s.meta.author || "").trim();
  return a; // may be empty: no author line, no dc:creator (not docx-js's "Un-named")
}

function wantsToc(builder) {
  return builder.s.meta.toc === true && hasTocHeading(builder.s.blocks, tocLevels(builder));
}

// docx's layout estimator (docx/layout) writes the page numbers of the TOC entries (and
// the "of Y" of the footer) into the file. `guess: true`: where it meets something it
// cannot lay out exactly as Word (a symbol without known width, an unknown font), it
// guesses instead of leaving the rest blank. Used only with a table of contents and up
// to PAGE_NUMBER_PARAGRAPH_LIMIT paragraphs (it costs about 2 ms per paragraph).
function pageNumbersEstimator(builder) {
  if (builder.pageNumbersOption === false) return undefined;
  if (builder.pageNumbersOption !== true) {
    if (!wantsToc(builder)) return undefined;
    if (builder.paragraphs() > PAGE_NUMBER_PARAGRAPH_LIMIT) return undefined;
  }
  const { estimatePageNumbersWith } = require("./fastlayout").layout(); // docx/layout, patched for speed
  const estimate = estimatePageNumbersWith({ guess: true });
  // Page numbers are a nicety: if the estimator fails, the entries stay, without numbers.
  const maxChars = codeLineChars(builder.t, textWidth(builder.t));
  const fullChars = codeLineFullChars(builder.t, textWidth(builder.t));
  const safe = (body, context) => {
    try {
      // short code lines as one character each, long unbreakable ones as their lines (./estimate.js)
      return estimate(builder.lightEstimate ? lightBody(body, maxChars, fullChars) : body, context);
    } catch {
      return { bookmarks: new Map() };
    }
  };
  // (No `listNumbers`: headings are never numbered here, and it costs a layout pass.)
  return safe;
}

// The header (the title, right-aligned), the footer ("Page X of Y"), the blank ones of the
// title page, and the page properties of a section.
function pageParts(t, title, labels) {
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
            children: pageChildren(labels.page, PageNumber),
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
  return { header, footer, blank, pageProps };
}

// Section 1: the title page (different first page: no header or footer) and, with
// meta.toc, the contents page(s). Then the body, starting on a new page, split into
// portrait and landscape sections at the SectionMarks.
function documentSections(builder, body, title) {
  const parts = pageParts(builder.t, title, builder.labels);
  const { header, footer, blank, pageProps } = parts;
  const sections = [
    {
      properties: { titlePage: true, page: pageProps(PageOrientation.PORTRAIT) },
      headers: { default: header(), first: blank(Header) },
      footers: { default: footer(), first: blank(Footer) },
      children: [...titlePage(builder), ...(wantsToc(builder) ? tocPage(builder) : [])],
    },
  ];
  for (const section of bodySections(body, parts)) sections.push(section);
  return sections;
}

// The body's sections: a new one at each change of orientation.
function bodySections(body, { header, footer, pageProps }) {
  const sections = [];
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
  return sections;
}

// meta.properties (name -> string) as docx-js custom document properties (docProps/custom.xml):
// the session and version a docgen document came from.
function customProperties(props) {
  return Object.entries(props).map(([name, value]) => ({ name, value: cleanInline(String(value)) }));
}

// The docx-js Document of a builder's structure.
function buildDocumentOf(builder) {
  const t = builder.t;
  const meta = builder.s.meta;
  const ctx = { left: 0, width: textWidth(t), quoteDepth: 0, listDepth: 0, landscape: false, inNote: false };
  let body;
  if (defers(builder)) {
    // the numbering definitions are part of the document: known before the units are built
    builder.orderedStarts = orderedStartsOf(builder.s.blocks);
    body = builder.blocks(builder.s.blocks, ctx, true);
  } else {
    body = builder.blocks(builder.s.blocks, ctx);
  }
  const title = cleanInline(meta.title);
  const sections = documentSections(builder, body, title);
  const numbering = numberingDefinitions(t, builder.orderedStarts);
  const creator = author(builder);
  const pageNumbers = pageNumbersEstimator(builder);
  // The units hold the blocks they have yet to build, and let them go once built.
  if (builder.units.length) builder.s = { ...builder.s, blocks: null };
  return new Document({
    title,
    creator, // "" leaves dc:creator out (docx-js writes it only when truthy)
    lastModifiedBy: creator,
    ...(meta.description !== undefined ? { description: cleanInline(meta.description) } : {}),
    ...(meta.properties ? { customProperties: customProperties(meta.properties) } : {}),
    styles: buildStyles(t, meta.lang),
    numbering,
    footnotes: builder.notes,
    ...(pageNumbers ? { pageNumbers } : {}),
    sections,
  });
}

// ---------------------------------------------------------------------------------------
// Public API

// structure: the parsed JSON. Throws SchemaError if it does not match the contract.
// options.theme: a theme object (default: ../theme.js with meta.theme merged over it);
// options.baseDir: where relative image paths are resolved (the contract says they are
// absolute); options.pageNumbers: false never runs the page-number estimator, true always
// does (default: only for a table of contents of a document of moderate size).
function buildDocument(structure, options = {}) {
  return buildPackage(structure, options).doc;
}

// The Document and the code bodies to splice into it when it is written
// (../write/package.js), and the builder when the body is written in pieces.
function buildPackage(structure, options = {}) {
  assertValidStructure(structure);
  const builder = new Builder(structure, options);
  const doc = builder.build();
  return {
    doc,
    splices: builder.splices,
    deferred: builder.units.length ? builder : null,
    mathFailures: builder.mathFailures, // filled in as the (deferred) blocks are built
    portrait: { tables: builder.portrait.tables.size, cells: builder.portrait.cells, max: builder.portrait.max },
  };
}

module.exports = { buildDocument, buildPackage };
