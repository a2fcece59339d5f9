"use strict";
// Checks a document against the block JSON contract, schema 1 (docs/json-contract.md).
//
// The contract is defined once, as a JSON Schema (./blocks.schema.json, also usable from
// Python), checked here by the validator ajv compiles from it (./blocks.schema.compiled.js,
// written by ./compile.js); ./checks.js adds the rules JSON Schema cannot say (unique ids,
// code lines that add up to the text, nesting depth, the theme's shape).
// validateStructure(doc) returns null when the document is valid, or a message naming the
// JSON path of the first fault (./messages.js), e.g.
//   blocks[12].items[0].blocks[1]: unknown block type "foo" (expected one of heading, ...)
// Unknown extra keys are ignored (forward compatible); missing or mistyped required keys,
// unknown block types and malformed runs are faults, and so are malformed optional
// additions (docs/json-contract.md, "Additions"). Faults the schema finds are reported
// before those of ./checks.js.
//
// The compiled validator checks the whole document in one call: faster than the
// hand-written check it replaced (about 0.4 s against 0.7 s for 500,000 paragraphs).

const SCHEMA = require("./blocks.schema.json");
const validate = require("./blocks.schema.compiled");
const { faultOf } = require("./messages");
const { structureFault, depthFault } = require("./checks");

class SchemaError extends Error {
  constructor(path, message) {
    super(`${path || "(root)"}: ${message}`);
    this.name = "SchemaError";
    this.jsonPath = path;
  }
}

// Throws SchemaError on the first fault.
function assertValidStructure(doc) {
  let valid;
  try {
    valid = validate(doc);
  } catch (e) {
    const fault = e instanceof RangeError && depthFault(doc); // nested too deep for the stack
    if (fault) throw new SchemaError(...fault);
    throw e;
  }
  if (!valid) throw new SchemaError(...faultOf(validate.errors, SCHEMA));
  const fault = structureFault(doc);
  if (fault) throw new SchemaError(...fault);
}

// Returns null when valid, else the message "<json path>: <what is wrong>".
function validateStructure(doc) {
  try {
    assertValidStructure(doc);
    return null;
  } catch (e) {
    if (e instanceof SchemaError) return e.message;
    throw e;
  }
}

module.exports = { validateStructure, assertValidStructure, SchemaError, SCHEMA };
