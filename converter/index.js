#!/usr/bin/env node
"use strict";
// CLI: node converter/index.js IN.json OUT.docx
// Exit codes: 0 written; 2 usage error or invalid JSON / structure
// ("converter: invalid structure: <json path>: <what>"); 1 any other failure
// ("converter: <message>"; the stack trace only with DOCGEN_DEBUG=1).

const { convert, InputError } = require("./build/document");

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
    await convert(inPath, outPath);
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

module.exports = { main };
