"use strict";
// Tables (docs/json-contract.md): fixed layout with explicit column widths that fill the
// text width, a bold shaded header row repeated on every page, borders; wide ones in a
// smaller font, very wide ones on a landscape page of their own.

const { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } = require("docx");
const { textWidth, landscapeTextWidth } = require("../theme");
const { shading } = require("./styles");
const { cleanInline, textChildren, renderRuns } = require("./runs");
const { SectionMark, spacer } = require("./blocks");
const { landscapeTable } = require("./units");

const ALIGNMENTS = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

// Column widths

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
// Tables

// Tables: fixed layout with explicit column widths that fill the text width; a bold
// shaded header row repeated on every page. Wide tables (table.wide.minColumns columns or
// more) get a smaller font and tighter margins; very wide ones (table.landscape.minColumns
// or more) also a landscape section of their own, and the width of a landscape page.
function table(builder, block, ctx) {
  const tt = builder.t.table;
  const ncols = Math.max(block.header.length, ...block.rows.map((r) => r.length));
  const wide = ncols >= tt.wide.minColumns;
  const landscape = landscapeTable(builder, block) && !ctx.inNote && !ctx.landscape;
  const cellMargin = wide ? tt.wide.cellMargin : tt.cellMargin;
  const fontSize = wide ? tt.wide.fontSize : tt.fontSize;
  const opts = { ...tt, cellMargin, charWidth: Math.round((tt.charWidth * fontSize) / tt.fontSize) };
  let width = ctx.width;
  if (landscape) width = landscapeTextWidth(builder.t) - (textWidth(builder.t) - ctx.width);

  const pad = (cells) => cells.concat(Array.from({ length: ncols - cells.length }, () => []));
  const header = pad(block.header);
  const rows = block.rows.map(pad);
  const total = Math.max(ncols * 200, width);
  const columns = header.map((h, c) => [h, ...rows.map((r) => r[c])]);
  const widths = columnWidths(columns, total, opts);
  const cellBorder = { style: BorderStyle.SINGLE, size: tt.borderSize, color: tt.borderColor };

  const makeCell = (runs, c, isHeader) => {
    const cellCtx = { ...ctx, left: 0, width: widths[c] - cellMargin.left - cellMargin.right, quoteDepth: 0, listDepth: 0, inItem: false };
    const align = ALIGNMENTS[block.align[c]];
    const paragraph = new Paragraph({
      style: wide ? "TableTextSmall" : "TableText",
      alignment: align,
      keepNext: isHeader || undefined,
      children: renderRuns(builder, runs, cellCtx, isHeader ? { bold: true } : {}),
    });
    return new TableCell({
      children: [paragraph],
      width: { size: widths[c], type: WidthType.DXA },
      shading: isHeader ? shading(tt.headerShading) : undefined,
    });
  };

  const headerRow = new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, c) => makeCell(h, c, true)) });
  const tableRows = [
    ...(block.header_row === false && rows.length ? [] : [headerRow]),
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
  out.push(table, spacer(tt.spacingAfter));
  return landscape ? [new SectionMark("landscape"), ...out, new SectionMark("portrait")] : out;
}

module.exports = { table, columnWidths };
