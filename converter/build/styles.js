"use strict";
// Word styles built from the theme (../theme.js): the document defaults, the paragraph
// styles the renderers name (Title, Heading1-6, TOC1-3, SourceCode, LogOutput, Quote,
// ListParagraph, TableText, Caption, FootnoteText...) and the Hyperlink and VerbatimChar
// (inline code) character styles.
// The order of the styles is the order styles.xml lists them in.

const { BorderStyle, LineRuleType, ShadingType, TabStopType } = require("docx");
const { textWidth } = require("../theme");
const { defaultRunLanguage } = require("./language");

function border(b) {
  return { style: BorderStyle.SINGLE, size: b.size, color: b.color, space: b.space };
}

function shading(fill) {
  return { type: ShadingType.CLEAR, color: "auto", fill };
}

// The title page: title, subtitle, and the author and date lines.
function titlePageStyles(t) {
  return [
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
  ];
}

// Heading1-6, one per entry of the theme's headings.
function headingStyles(t) {
  return t.headings.map((h, i) => ({
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
}

// The contents page: its title, and the entries of levels 1-3.
function tocStyles(t) {
  return [
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
    // Entries of the table of contents, "toc 1".."toc 3" (Word's built-in names, which the
    // TOC field uses), indented per level.
    ...[1, 2, 3].map((level) => ({
      id: `TOC${level}`,
      name: `toc ${level}`,
      basedOn: "Normal",
      next: "Normal",
      run: level === 1 ? { bold: true } : {},
      paragraph: {
        indent: { left: t.toc.indent * (level - 1) },
        spacing: { before: level === 1 ? t.toc.spacingAfter : 0, after: t.toc.spacingAfter },
      },
    })),
  ];
}

// Code and log bodies: a shaded box, monospace, tab stops every tabColumns characters.
function codeStyles(t) {
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
  return [
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
  ];
}

// Quotes, list items, table text, captions and footnote text.
function textStyles(t) {
  return [
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
  ];
}

// The document defaults' run: the body font, size and colour, and the document's language
// (w:lang; for a Chinese, Japanese or Korean document also its East Asian font).
function documentRun(t, lang) {
  const { language, eastAsiaFont } = defaultRunLanguage(t, lang);
  const font = eastAsiaFont ? { ascii: t.body.font, hAnsi: t.body.font, cs: t.body.font, eastAsia: eastAsiaFont } : t.body.font;
  return { font, size: t.body.size, color: t.body.color, language };
}

// The styles of the document (docx-js `styles`); `lang`: the document's language tag.
function buildStyles(t, lang) {
  return {
    default: {
      document: {
        run: documentRun(t, lang),
        // lineRule must be explicit: LibreOffice reads a bare w:line as an exact height
        paragraph: { spacing: { ...t.body.spacing, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles: [...titlePageStyles(t), ...headingStyles(t), ...tocStyles(t), ...codeStyles(t), ...textStyles(t)],
    characterStyles: [
      {
        id: "Hyperlink",
        name: "Hyperlink",
        basedOn: "DefaultParagraphFont",
        run: { color: t.link.color, underline: t.link.underline ? { type: "single" } : undefined },
      },
      {
        // Inline code (its runs also carry the same format directly). The name is the one
        // pandoc and other tools give it, so inline code reads back as code.
        id: "VerbatimChar",
        name: "Verbatim Char", // no basedOn: a style the document does not define hides it from pandoc
        run: { font: t.inlineCode.font, size: t.inlineCode.size, color: t.inlineCode.color, shading: shading(t.inlineCode.shading) },
      },
    ],
  };
}

module.exports = { buildStyles, border, shading };
