"use strict";
// Footnotes (docs/json-contract.md, "Additions"): a reference run ({"footnote": id}) makes
// a real Word footnote, numbered in order of first reference; the bodies are
// builder.noteBodies (id -> blocks), the numbers builder.noteNumbers (id -> n) and the
// rendered bodies builder.notes (n -> { children }, docx-js `footnotes`).

const { FootnoteReferenceRun, Paragraph, TextRun } = require("docx");
const { textWidth } = require("../theme");
const { cleanInline, textChildren, textRun, renderRuns } = require("./runs");

// Text of runs, for places that only take plain text (footnote bodies' non-paragraph blocks).
function runsText(runs, missingLabel = "Missing image") {
  return runs
    .map((r) => {
      if ("text" in r) return r.text;
      if ("break" in r) return " ";
      if ("image" in r) return r.image.alt ? `[${r.image.alt}]` : "";
      if ("missing_image" in r) return `[${missingLabel}: ${r.missing_image.ref}]`;
      if ("footnote" in r) return `[^${r.footnote}]`;
      return "";
    })
    .join("");
}

// A footnote reference. The first reference to an id makes the footnote (numbered in
// order of first reference); a later reference to the same id shows the same number
// as a superscript (Word has one reference mark per footnote); an unknown id, or a
// reference inside a footnote, is shown as its literal text.
function footnoteRun(builder, id, ctx, extra = {}) {
  if (ctx.inNote || !builder.noteBodies.has(id)) return textRun(builder, { text: `[^${String(id).split(" ")[0]}]` }, extra);
  if (builder.noteNumbers.has(id)) {
    return new TextRun({ text: String(builder.noteNumbers.get(id)), style: "FootnoteReference", ...extra });
  }
  const n = builder.noteNumbers.size + 1;
  builder.noteNumbers.set(id, n);
  builder.notes[n] = { children: [] }; // reserved before rendering: the body may refer to notes
  builder.notes[n].children = noteParagraphs(builder, builder.noteBodies.get(id));
  return new FootnoteReferenceRun(n);
}

// A footnote body: paragraphs keep their inline runs; any other block becomes plain
// text paragraphs (footnotes hold no tables, lists or code boxes here).
function noteParagraphs(builder, blocks) {
  const ctx = { left: 0, width: textWidth(builder.t), quoteDepth: 0, listDepth: 0, inNote: true };
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
  const task = builder.t.list.task;
  const walk = (bs) => {
    for (const b of bs) {
      switch (b.type) {
        case "paragraph": {
          const p = lead();
          out.push(new Paragraph({
            style: "FootnoteText",
            children: [...(p ? [new TextRun(p)] : []), ...renderRuns(builder, b.runs, ctx)],
          }));
          break;
        }
        case "heading":
          plain(lead() + runsText(b.runs, builder.labels.missing_image));
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
          for (const row of [b.header, ...b.rows]) plain(lead() + row.map((cell) => runsText(cell, builder.labels.missing_image)).join(" | "));
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

module.exports = { footnoteRun };
