"use strict";
// Lists (docs/json-contract.md: bulleted, numbered, task items) and their numbering
// definitions. Bullets and numbers cycle by level (theme.list); every ordered list restarts
// at its own start; a list's items hold blocks, nested lists among them.

const { AlignmentType, LevelFormat, Paragraph, Tab, TextRun } = require("docx");
const { paragraph, placeProps } = require("./blocks");
const { innerBlocks } = require("./units");

const MAX_LIST_LEVEL = 8; // Word has 9 numbering levels, 0..8
const BULLET_REF = "docgen-bullet";

const LEVEL_FORMATS = {
  decimal: LevelFormat.DECIMAL,
  lowerLetter: LevelFormat.LOWER_LETTER,
  lowerRoman: LevelFormat.LOWER_ROMAN,
  upperLetter: LevelFormat.UPPER_LETTER,
  upperRoman: LevelFormat.UPPER_ROMAN,
};

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

// The numbering definitions of the document (docx-js `numbering`): the bullets, and one
// reference per start of the ordered lists (builder.orderedStarts).
function numberingDefinitions(t, orderedStarts) {
  return {
    config: [bulletDefinition(t), ...[...orderedStarts].sort((a, b) => a - b).map((s) => orderedDefinition(t, s))],
  };
}

// The starts of the ordered lists that rendering these blocks numbers (list).
function orderedStartsOf(blocks) {
  const starts = new Set();
  for (const top of blocks) {
    for (const b of innerBlocks(top)) {
      if (b.type === "list" && b.ordered) starts.add(Number.isInteger(b.start) ? b.start : 1);
    }
  }
  return starts;
}

// The box of a task item (checked: true/false), in the task font.
function taskBox(builder, checked) {
  const task = builder.t.list.task;
  return new TextRun({ text: checked ? task.checked : task.unchecked, font: task.font });
}

function list(builder, block, ctx) {
  const t = builder.t;
  const level = Math.min(ctx.listDepth, MAX_LIST_LEVEL);
  let numbering;
  if (block.ordered) {
    const start = Number.isInteger(block.start) ? block.start : 1;
    builder.orderedStarts.add(start);
    numbering = { reference: `docgen-ordered-start-${start}`, level, instance: builder.nextInstance++ };
  } else {
    // Its own instance too: two bulleted lists in a row (`-` then `+`) stay two lists.
    numbering = { reference: BULLET_REF, level, instance: builder.nextInstance++ };
  }
  const itemLeft = ctx.left + t.list.indent;
  const itemCtx = {
    ...ctx,
    left: itemLeft,
    width: ctx.width - t.list.indent,
    listDepth: ctx.listDepth + 1,
    inItem: false,
  };
  const restCtx = { ...itemCtx, inItem: true }; // the item's blocks after its first paragraph
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
    const lead = task ? [taskBox(builder, item.checked), block.ordered ? new TextRun(" ") : new TextRun({ children: [new Tab()] })] : [];
    const [first, ...rest] = item.blocks;
    if (first && first.type === "paragraph") {
      out.push(...paragraph(builder, first, itemCtx, props, lead));
    } else {
      // The number/bullet needs a paragraph of its own when the item starts with
      // something else (code, a nested list, a table...) or is empty.
      out.push(new Paragraph({ ...placeProps(itemCtx, { numbered: true }), ...props, children: lead }));
      if (first) rest.unshift(first);
    }
    for (const o of builder.blocks(rest, restCtx)) out.push(o); // no spread: may be 100k+ paragraphs
  }
  return out;
}

module.exports = { list, numberingDefinitions, orderedStartsOf };
