#!/usr/bin/env node
"use strict";
// Compiles the contract's JSON Schema (./blocks.schema.json) with ajv into a standalone
// validator, ./blocks.schema.compiled.js, which ./validate.js loads:
//
//   node converter/contract/compile.js      (npm run contract)
//
// Run it after any change to the schema; a test fails while the compiled file is not what
// this gives. Why compiled ahead: loading ajv and compiling the schema costs about 0.18 s
// in every converter process (a small document converts in about 0.25 s); the compiled
// validator loads in a few milliseconds and checks as fast.

const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const standaloneCode = require("ajv/dist/standalone").default;

const SCHEMA_PATH = path.join(__dirname, "blocks.schema.json");
const COMPILED_PATH = path.join(__dirname, "blocks.schema.compiled.js");

// The source of the compiled validator for the schema as it is on disk.
function compiledSource() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8"));
  const ajv = new Ajv2020({
    allErrors: false, // the first fault only
    verbose: true, // errors carry the value and the schema, for the messages (./messages.js)
    discriminator: true, // a block's branch is picked by its "type"
    strict: true,
    strictRequired: false, // "required" in if/oneOf names keys defined next to them
    keywords: ["x-expected", "x-messages"], // annotations: the messages' wording
    code: { source: true, lines: true },
  });
  const { version } = require("ajv/package.json");
  const header = `// Generated from blocks.schema.json by compile.js (npm run contract) with ajv ${version}: do not edit.\n`;
  return header + standaloneCode(ajv, ajv.compile(schema)) + "\n";
}

if (require.main === module) {
  fs.writeFileSync(COMPILED_PATH, compiledSource());
  process.stdout.write(`wrote ${path.relative(process.cwd(), COMPILED_PATH)}\n`);
}

module.exports = { compiledSource, COMPILED_PATH };
