#!/usr/bin/env node
"use strict";
// CLI: node converter/index.js IN.json OUT.docx
//      node converter/index.js --wait   (started early: loads everything, then reads one line
//      `{"input": IN.json, "output": OUT.docx}` on stdin and converts it as above; the end of
//      stdin without a line ends it with status 0, converting nothing)
// Exit codes: 0 written (stdout: a `math-failed {json}` line per formula shown as code); 2 usage error or invalid JSON / structure
// ("converter: invalid structure: <json path>: <what>"); 1 any other failure
// ("converter: <message>"; the stack trace only with DOCGEN_DEBUG=1).
//
// This file is the command line and the file I/O: read and parse the JSON, build the
// document (./build/document.js, after the contract check, ./contract/), write the .docx
// (./write/package.js) to a temporary file and rename it into place.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { SchemaError } = require("./contract/validate");
const { buildPackage } = require("./build/document");
const { writePackage } = require("./write/package");

class InputError extends Error {
  constructor(message) {
    super(message);
    this.name = "InputError";
  }
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
    // DOCGEN_LANDSCAPE_MAX_CELLS: a smaller bound for tests (build/units.js LANDSCAPE_MAX_CELLS)
    const landscapeMaxCells = Number(process.env.DOCGEN_LANDSCAPE_MAX_CELLS) || undefined;
    built = buildPackage(structure, { baseDir: path.dirname(path.resolve(inPath)), landscapeMaxCells, ...options });
  } catch (e) {
    if (e instanceof SchemaError) throw new InputError(e.message);
    throw e;
  }
  structure = null;
  const tmp = `${outPath}.tmp-${process.pid}`;
  try {
    await writePackage(built.doc, built.splices, tmp, built.deferred);
    fs.renameSync(tmp, outPath);
    return { mathFailures: built.mathFailures, portrait: built.portrait };
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

const USAGE = "usage: node converter/index.js IN.json OUT.docx";

function oneLine(s) {
  return String(s).replace(/\s*\n\s*/g, " ").trim();
}

async function main(argv) {
  if (argv.length !== 2 || !argv[0] || !argv[1]) {
    process.stderr.write(`converter: ${USAGE}\n`);
    return 2;
  }
  const [inPath, outPath] = argv;
  try {
    const { mathFailures, portrait } = await convert(inPath, outPath);
    // one line per formula shown as code, read by blocks/bridge.py for the run's warnings
    for (const f of mathFailures) process.stdout.write(`math-failed ${JSON.stringify(f)}\n`);
    // and the wide tables laid out on portrait pages (build/units.js LANDSCAPE_MAX_CELLS)
    if (portrait && portrait.tables) process.stdout.write(`portrait-tables ${JSON.stringify(portrait)}\n`);
    return 0;
  } catch (e) {
    if (process.env.DOCGEN_DEBUG === "1" && e && e.stack) process.stderr.write(`${e.stack}\n`);
    if (e instanceof InputError) {
      process.stderr.write(`converter: invalid structure: ${oneLine(e.message)}\n`);
      return 2;
    }
    process.stderr.write(`converter: ${oneLine((e && e.message) || e)}\n`);
    return 1;
  }
}

// The --wait mode (blocks/bridge.py `prestart`, issue 21): node's start and the loading of
// docx, its layout estimator and this converter's modules (about 0.4 s of CPU) happen while
// the Python side imports and works, and the conversion starts when the request comes. With
// a second core, it also converts WARM_UP once meanwhile (about 0.4 s of CPU on that core):
// V8 then has docx-js's and the estimator's functions compiled, and the example folder's
// conversion took 1.1-1.4 s of CPU instead of 1.5-1.7. WARM_UP has no heading, list, picture
// or footnote: docx-js numbers those from counters it keeps per process, so the document the
// request asks for is the one a fresh converter writes (a Python test compares them).
const WARM_UP = {
  schema: 1,
  meta: { title: "warm-up", author: "", created: "2026-01-01T00:00:00Z" },
  blocks: [
    { type: "paragraph", runs: [{ text: "Words in a paragraph, " }, { text: "bold", bold: true }, { text: " italic", italic: true }, { text: " code", code: true }] },
    { type: "code", language: "text", text: "line one\nline two" },
    { type: "table", align: [null, "left"], header: [[{ text: "a" }], [{ text: "b" }]], rows: [[[{ text: "1" }], [{ text: "2" }]]] },
    { type: "quote", blocks: [{ type: "paragraph", runs: [{ text: "quoted" }] }] },
  ],
};

async function warmUp() {
  if ((os.availableParallelism ? os.availableParallelism() : os.cpus().length) < 2) return;
  const tmp = path.join(os.tmpdir(), `docgen-warm-up-${process.pid}.docx`);
  try {
    const built = buildPackage(WARM_UP, { baseDir: os.tmpdir(), pageNumbers: true });
    await writePackage(built.doc, built.splices, tmp, built.deferred);
  } catch {
    /* only a warm-up */
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function waitForRequest() {
  require("./build/fastlayout").layout(); // loaded on first use otherwise (a contents page)
  const asked = new Promise((resolve) => {
    let text = "";
    const done = (argv) => {
      process.stdin.removeAllListeners("data");
      process.stdin.pause();
      resolve(argv);
    };
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end < 0) return;
      let request;
      try {
        request = JSON.parse(text.slice(0, end));
      } catch {
        request = {};
      }
      done([request.input, request.output]);
    });
    process.stdin.on("end", () => done(null));
  });
  return Promise.all([asked, warmUp()]).then(([argv]) => argv);
}

async function run(argv) {
  if (argv.length === 1 && argv[0] === "--wait") {
    const asked = await waitForRequest();
    return asked === null ? 0 : main(asked.map((a) => (typeof a === "string" ? a : "")));
  }
  return main(argv);
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`converter: ${oneLine((e && e.message) || e)}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { main, convert, InputError };
