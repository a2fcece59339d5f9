"use strict";
// The converter's wording of a contract fault: "<json path>: <what is wrong>", e.g.
//   blocks[12].items[0].blocks[1]: unknown block type "foo" (expected one of heading, ...)
//   meta.author: missing required key
//   blocks[0].runs[1].bold: expected true or false, got string "yes"
// An ajv error is turned into that form with the schema's own annotations
// (blocks.schema.json: "x-expected", "x-messages"); without them the wording follows from
// the failing keyword ("expected a string, got number 3").

const TYPE_WORDS = {
  object: "an object",
  array: "an array",
  string: "a string",
  boolean: "true or false",
  integer: "an integer",
  number: "a number",
  null: "null",
};

// A value as messages show it: its type, and a string or number itself.
function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `number ${v}`;
  return typeof v;
}

const join = (path, key) => (path ? `${path}.${key}` : key);

// A JSON pointer (ajv's instancePath, "/blocks/3/runs/0") as a JSON path ("blocks[3].runs[0]").
// The contract has no object key that is a number, so a number is an array index.
function jsonPath(pointer) {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out = /^(0|[1-9][0-9]*)$/.test(key) ? `${out}[${key}]` : join(out, key);
  }
  return out;
}

// What a (sub)schema asks of a value, from its type, const or enum.
function expectedOf(schema) {
  if (schema.type !== undefined) return [].concat(schema.type).map((t) => TYPE_WORDS[t] || t).join(" or ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(", ");
  return "something else";
}

function fill(text, values) {
  return text.replace(/\{(value|keys|tag|tags)\}/g, (m, name) => (values[name] === undefined ? m : values[name]));
}

// The subschema a local "$ref" ("#/$defs/heading") points to.
function resolve(schema, root) {
  if (!schema.$ref) return schema;
  return schema.$ref.slice(2).split("/").reduce((node, key) => node[key], root);
}

// ajv (allErrors: false) stops at the first fault; the errors before the last one are its
// details: a failing "then" ends with an "if" error after the fault inside it, a failing
// oneOf lists what each branch missed before its own error.
function firstFault(errors) {
  let i = errors.length - 1;
  while (i > 0 && errors[i].keyword === "if") i -= 1;
  return errors[i];
}

// [jsonPath, message] for ajv's errors (options verbose: true, for data and parentSchema).
function faultOf(errors, root) {
  const e = firstFault(errors);
  const at = jsonPath(e.instancePath);
  const schema = e.parentSchema || {};
  const words = schema["x-messages"] || {};
  const value = describe(e.data);
  switch (e.keyword) {
    case "required":
      return [join(at, e.params.missingProperty), "missing required key"];
    case "oneOf": {
      const several = Array.isArray(e.params.passingSchemas);
      const text = words[several ? "oneOf:several" : "oneOf:none"];
      if (!text) break;
      let keys = schema.oneOf.flatMap((branch) => branch.required || []);
      if (several) keys = keys.filter((k) => Object.prototype.hasOwnProperty.call(e.data, k));
      return [at, fill(text, { keys: keys.map((k) => JSON.stringify(k)).join(", ") })];
    }
    case "discriminator": {
      const name = e.params.tag;
      if (e.params.error === "tag") return [join(at, name), `expected a string, got ${describe(e.data[name])}`];
      const tags = schema.oneOf.map((branch) => resolve(branch, root).properties[name].const);
      return [at, fill(words.discriminator || "unknown {tag}", { tag: JSON.stringify(e.params.tagValue), tags: tags.join(", ") })];
    }
    default:
      if (words[e.keyword]) return [at, fill(words[e.keyword], { value })];
      return [at, `expected ${schema["x-expected"] || expectedOf(schema)}, got ${value}`];
  }
  return [at, `${e.message}, got ${value}`];
}

module.exports = { faultOf };
