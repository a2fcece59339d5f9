"use strict";
// `node converter/index.js --wait` (started early by blocks/bridge.py): one request on stdin,
// converted as the plain command line converts it; the end of stdin without one converts
// nothing and exits 0; a request that names no files is a usage error, as on the command line.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { tmpDir, unzipDocx, FIXTURES } = require("./helpers");

const CLI = path.join(__dirname, "..", "index.js");

function run(args, input) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", input, env: { ...process.env, DOCGEN_DEBUG: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// document.xml with docx-js's random hyperlink relationship ids made one
const body = (file) => unzipDocx(fs.readFileSync(file)).text("word/document.xml").replace(/rId[A-Za-z0-9_-]{21}(?![A-Za-z0-9_-])/g, "rId*");

test("--wait: the request's document is the one the command line writes", () => {
  const dir = tmpDir();
  const input = path.join(FIXTURES, "all-blocks.json");
  const structure = JSON.parse(fs.readFileSync(input, "utf8"));
  structure.meta.toc = true; // bookmarks, list numbers: counted per process by docx-js
  const json = path.join(dir, "in.json");
  fs.writeFileSync(json, JSON.stringify(structure));
  const plain = run([json, path.join(dir, "plain.docx")]);
  assert.equal(plain.code, 0, plain.stderr);
  const waited = run(["--wait"], `${JSON.stringify({ input: json, output: path.join(dir, "waited.docx") })}\n`);
  assert.equal(waited.code, 0, waited.stderr);
  assert.equal(waited.stdout, "");
  assert.equal(body(path.join(dir, "waited.docx")), body(path.join(dir, "plain.docx")));
  assert.deepEqual(fs.readdirSync(dir).sort(), ["in.json", "plain.docx", "waited.docx"]);
});

test("--wait: end of input without a request converts nothing, exit 0", () => {
  const r = run(["--wait"], "");
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "", ""]);
});

test("--wait: a request without files is a usage error (exit 2)", () => {
  const r = run(["--wait"], '{"input": 1}\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^converter: usage: /);
});
