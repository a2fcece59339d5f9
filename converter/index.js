#!/usr/bin/env node
"use strict";
// CLI: node converter/index.js IN.json OUT.docx
// Exit codes: 0 written (stdout: a `math-failed {json}` line per formula shown as code); 2 usage error or invalid JSON / structure
// ("converter: invalid structure: <json path>: <what>"); 1 any other failure
// ("converter: <message>"; the stack trace only with DOCGEN_DEBUG=1).
//
// This file is the command line and the file I/O: read and parse the JSON, build the
// document (./build/document.js, after the contract check, ./contract/), write the .docx
// (./write/package.js) to a temporary file and rename it into place.

const fs = require("fs");
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

if (require.main === module) {
  main(process.argv.slice(2)).then(
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
