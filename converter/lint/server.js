#!/usr/bin/env node
"use strict";
// markdownlint for docgen's generated markdown.
//
//   node converter/lint/server.js --server   JSON lines on stdin/stdout, one object per line
//                                            each way; exits 0 at end of input.
//   node converter/lint/server.js FILE.md    prints the findings as JSON; exit 0 if none, 1 if
//                                            any, 2 on a usage or read error.
//
// Requests and answers (the "id" is echoed back, any JSON value):
//   {"id":1,"op":"lint","text":"...","first_line":120}
//     -> {"id":1,"findings":[{"rule":"MD001","alias":"heading-increment","line":125,"column":null,
//          "detail":"Expected: h2; Actual: h3","context":"","description":"...","severity":"error",
//          "fixable":false}, ...]}
//     line = line in text + first_line - 1 (first_line defaults to 1); sorted by line, rule, column.
//   {"id":2,"op":"fix","text":"...","protected":[[10,42],[50,50]],"delete_lines":false}
//     -> {"id":2,"text":"...","applied":[...],"skipped":[...],"remaining":[...]}
//     Applies markdownlint's own fixInfo (through its applyFixes) for every fixable finding except
//     those that would change a line inside a protected range (1-based, inclusive, in the text's
//     own numbering) or inside a fenced/indented code block. Inserting a blank line at the edge of
//     such a range (MD022/MD031/MD032/MD058/MD047) changes no content line and is allowed; inserting
//     one between two lines of the same range is not. Fixes that delete a whole line (MD053's unused
//     definitions, which may be used in another chapter) are skipped unless "delete_lines": true.
//     Fixing repeats (at most MAX_PASSES times) while a pass still applies something, so e.g. a
//     heading made by an MD018 fix also gets its blank lines. "applied"/"skipped" entries are
//     {rule, alias, line, detail, action, note} (skipped: {rule, alias, line, detail, reason}) with
//     lines in the input text's numbering; "remaining" holds the findings of the fixed text (its own
//     numbering). Afterwards every protected line and every code-block line of the input must still
//     be there, unchanged and in order; if not, the input text comes back unchanged, "applied" is
//     empty, every fixable finding is in "skipped" and "aborted" says why.
//   {"id":3,"op":"version"} -> {"id":3,"markdownlint":"0.40.0","config":"<path>","table_patch":true}
//   Anything malformed -> {"id":<id or null>,"error":"..."}; the server keeps running.
//
// Here: the requests and the command line. The lint itself is ./findings.js, the fixes
// ./fix.js (with ./protect.js, the protection of verbatim content); ./markdownlint.js
// loads markdownlint and its config (./markdownlint.json).

const fs = require("fs");
const readline = require("readline");
const { load, loaded, CONFIG_PATH } = require("./markdownlint");
const { lintText } = require("./findings");
const { fixText } = require("./fix");
const { RequestError } = require("./protect");

// One request line -> its answer.
function handleLine(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `invalid JSON: ${err.message}` };
  }
  if (!req || typeof req !== "object" || Array.isArray(req)) return { id: null, error: "a request must be a JSON object" };
  const id = req.id === undefined ? null : req.id;
  try {
    if (req.op === "lint" || req.op === "fix") {
      if (typeof req.text !== "string") throw new RequestError('"text" must be a string');
    }
    if (req.op === "lint") {
      const firstLine = req.first_line === undefined || req.first_line === null ? 1 : req.first_line;
      if (!Number.isInteger(firstLine) || firstLine < 1) throw new RequestError('"first_line" must be an integer >= 1');
      return { id, findings: lintText(req.text, firstLine) };
    }
    if (req.op === "fix") {
      if (req.delete_lines !== undefined && typeof req.delete_lines !== "boolean") throw new RequestError('"delete_lines" must be true or false');
      return { id, ...fixText(req.text, req.protected, { deleteLines: req.delete_lines }) };
    }
    if (req.op === "version") return { id, markdownlint: loaded().getVersion(), config: CONFIG_PATH, table_patch: loaded().tablePatch };
    throw new RequestError(`unknown op ${JSON.stringify(req.op)} (expected "lint", "fix" or "version")`);
  } catch (err) {
    return { id, error: err instanceof RequestError ? err.message : `internal error: ${err && err.stack ? err.stack.split("\n")[0] : err}` };
  }
}

function serve() {
  process.stdout.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    process.stdout.write(JSON.stringify(handleLine(line)) + "\n");
  });
  rl.on("close", () => {
    process.exitCode = 0;
  });
}

async function main(argv) {
  const usage = "usage: node converter/lint/server.js --server | FILE.md";
  if (argv.length !== 1 || argv[0] === "-h" || argv[0] === "--help") {
    process.stderr.write(usage + "\n");
    return argv[0] === "-h" || argv[0] === "--help" ? 0 : 2;
  }
  await load();
  if (argv[0] === "--server") {
    serve();
    return null;
  }
  let text;
  try {
    text = fs.readFileSync(argv[0], "utf8");
  } catch (err) {
    process.stderr.write(`lint/server.js: cannot read ${argv[0]}: ${err.message}\n`);
    return 2;
  }
  const findings = lintText(text);
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  return findings.length ? 1 : 0;
}

module.exports = { load, lintText, fixText, handleLine, CONFIG_PATH };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== null) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`lint/server.js: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    }
  );
}
