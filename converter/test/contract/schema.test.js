"use strict";
// The contract's JSON Schema (converter/contract/blocks.schema.json) and what is built on it.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const { compiledSource, COMPILED_PATH } = require("../../contract/compile");
const { validateStructure, SCHEMA } = require("../../contract/validate");

test("the compiled validator is the one ajv compiles from the schema (else: npm run contract)", () => {
  assert.equal(fs.readFileSync(COMPILED_PATH, "utf8"), compiledSource(), "blocks.schema.compiled.js is out of date: run `npm run contract`");
});

test("the schema is plain JSON Schema 2020-12 (usable from Python)", () => {
  assert.equal(SCHEMA.$schema, "https://json-schema.org/draft/2020-12/schema");
  const text = JSON.stringify(SCHEMA);
  assert.doesNotMatch(text, /function|=>/);
});

test("blocks nested too deep: the first block too deep is named, however deep the nesting", () => {
  const nested = (depth) => {
    let block = { type: "paragraph", runs: [] };
    for (let i = 0; i < depth; i++) block = i % 2 ? { type: "quote", blocks: [block] } : { type: "list", ordered: false, items: [{ blocks: [block] }] };
    return { schema: 1, meta: { title: "T", author: "A", created: "x" }, blocks: [block] };
  };
  assert.equal(validateStructure(nested(100)), null);
  for (const depth of [101, 20000]) {
    const message = validateStructure(nested(depth));
    assert.match(message, /^blocks\[0\](\.items\[0\]\.blocks\[0\]|\.blocks\[0\])+: blocks nested more than 100 deep$/);
    assert.equal(message.split(".blocks[0]").length - 1, 101, "the block inside 101 quotes and lists");
  }
});
