"use strict";
// The "lint" request: markdownlint's findings on a text, in the answer's shape (toFinding),
// sorted by line, rule and column.
//
// Rule choice: see the "_comment" key of ./markdownlint.json (markdownlint ignores keys
// that name no rule). Two deliberate differences from plain markdownlint:
//   * inline configuration comments (<!-- markdownlint-disable ... -->) are ignored: they come from
//     users' verbatim sources and would otherwise switch rules off for the rest of the document;
//   * MD055 "consistent" is checked per table instead of per document (tables come from different
//     sources); an explicit MD055 style in the config is left to markdownlint.
// (And micromark's GFM table parser is patched in this process: ./markdownlint.js.)

const { loaded } = require("./markdownlint");

const CAPTURE_RULE = "docgen-capture";

// A rule that reports nothing: it records where the code blocks and tables are, from the same
// micromark parse the real rules use. Set before each lint() call, read right after (lint is sync).
let captured = null;

const LEAF_TYPES = new Set(["content", "paragraph", "atxHeading", "setextHeading", "htmlFlow", "thematicBreak", "definition"]);

const captureRule = {
  names: [CAPTURE_RULE],
  description: "docgen: records code blocks and tables (reports nothing)",
  tags: ["docgen"],
  parser: "micromark",
  function(params) {
    const offset = params.frontMatterLines.length;
    const code = [];
    const tables = [];
    const stack = [params.parsers.micromark.tokens];
    while (stack.length) {
      for (const token of stack.pop()) {
        if (token.type === "codeFenced" || token.type === "codeIndented") {
          code.push([token.startLine + offset, token.endLine + offset]);
        } else if (token.type === "table") {
          tables.push(token);
        } else if (!LEAF_TYPES.has(token.type) && token.children.length) {
          stack.push(token.children);
        }
      }
    }
    captured = { code, tables, offset };
  },
};

function ruleSetting(cfg, names) {
  let value;
  for (const [key, v] of Object.entries(cfg)) if (names.includes(key.toUpperCase())) value = v;
  if (value === undefined) {
    const def = Object.entries(cfg).find(([k]) => k.toUpperCase() === "DEFAULT");
    return def === undefined || def[1] ? {} : false;
  }
  return value;
}

function tableRowStyle(row) {
  const nonWs = (tokens) => tokens.filter((t) => t.type !== "linePrefix" && t.type !== "whitespace");
  const firstCell = row.children[0];
  const lastCell = row.children[row.children.length - 1];
  const lead = nonWs(firstCell.children)[0];
  const trailItems = nonWs(lastCell.children);
  const trail = trailItems[trailItems.length - 1];
  const leading = !!lead && lead.type === "tableCellDivider";
  const trailing = !!trail && trail.type === "tableCellDivider";
  const style = leading ? (trailing ? "leading_and_trailing" : "leading_only") : trailing ? "trailing_only" : "no_leading_or_trailing";
  return { style, leading, trailing, firstCell, lastCell };
}

// MD055 with style "consistent", each table judged against its own first row.
function md055PerTable(tables, offset, severity) {
  const errors = [];
  const add = (line, expected, actual, detail, range) =>
    errors.push({
      lineNumber: line + offset,
      ruleNames: ["MD055", "table-pipe-style"],
      ruleDescription: "Table pipe style",
      errorDetail: `Expected: ${expected}; Actual: ${actual}; ${detail}`,
      errorContext: null,
      errorRange: range,
      fixInfo: null,
      severity,
    });
  for (const table of tables) {
    const rows = [];
    for (const part of table.children) {
      if (part.type === "tableRow" || part.type === "tableDelimiterRow") rows.push(part);
      else if (part.type === "tableHead" || part.type === "tableBody") {
        for (const row of part.children) if (row.type === "tableRow" || row.type === "tableDelimiterRow") rows.push(row);
      }
    }
    let expected = null;
    for (const row of rows) {
      const actual = tableRowStyle(row);
      if (!expected) expected = actual;
      if (actual.leading !== expected.leading) {
        add(actual.firstCell.startLine, expected.style, actual.style, `${expected.leading ? "Missing" : "Unexpected"} leading pipe`, [
          row.startColumn,
          actual.firstCell.startColumn - row.startColumn + 1,
        ]);
      }
      if (actual.trailing !== expected.trailing) {
        add(actual.lastCell.endLine, expected.style, actual.style, `${expected.trailing ? "Missing" : "Unexpected"} trailing pipe`, [
          actual.lastCell.endColumn - 1,
          row.endColumn - actual.lastCell.endColumn + 1,
        ]);
      }
    }
  }
  return errors;
}

// Lints text; returns markdownlint's error objects (lines in the text's numbering) and the
// code-block ranges.
function runLint(text) {
  const { lint, config } = loaded();
  captured = null;
  const cfg = { ...config, [CAPTURE_RULE]: true };
  const result = lint({ strings: { text }, config: cfg, customRules: [captureRule], noInlineConfig: true });
  const cap = captured || { code: [], tables: [], offset: 0 };
  captured = null;
  let errors = result.text;
  const md055 = ruleSetting(config, ["MD055", "TABLE-PIPE-STYLE"]);
  if (md055 && String((typeof md055 === "object" && md055.style) || "consistent") === "consistent") {
    const severity = md055 === "warning" || md055.severity === "warning" ? "warning" : "error";
    errors = errors.filter((e) => e.ruleNames[0] !== "MD055").concat(md055PerTable(cap.tables, cap.offset, severity));
  }
  return { errors, code: cap.code };
}

function compareFindings(a, b) {
  return a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.column || 0) - (b.column || 0);
}

function toFinding(e, offset) {
  return {
    rule: e.ruleNames[0],
    alias: e.ruleNames[1] || null,
    line: e.lineNumber + offset,
    column: e.errorRange ? e.errorRange[0] : null,
    detail: e.errorDetail || "",
    context: e.errorContext || "",
    description: e.ruleDescription,
    severity: e.severity || "error",
    fixable: !!e.fixInfo,
  };
}

function lintText(text, firstLine = 1) {
  const { errors } = runLint(text);
  return errors.map((e) => toFinding(e, firstLine - 1)).sort(compareFindings);
}

module.exports = { runLint, toFinding, compareFindings, lintText };
