"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { tmpDir, FIXTURES } = require("./helpers");

const CLI = path.join(__dirname, "..", "index.js");

function run(...args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, DOCGEN_DEBUG: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("success: exit 0, nothing on stdout, the .docx written, no temp file left", () => {
  const dir = tmpDir();
  const out = path.join(dir, "doc.docx");
  const r = run(path.join(FIXTURES, "all-blocks.json"), out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), "PK");
  assert.deepEqual(fs.readdirSync(dir), ["doc.docx"]);
});

test("schema error: exit 2, one line naming the JSON path", () => {
  const dir = tmpDir();
  const out = path.join(dir, "doc.docx");
  const r = run(path.join(FIXTURES, "bad-block-type.json"), out);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^converter: invalid structure: blocks\[1\]\.items\[0\]\.blocks\[1\]: unknown block type "foo"/);
  assert.equal(r.stderr.trimEnd().split("\n").length, 1);
  assert.equal(fs.existsSync(out), false);
});

test("invalid JSON and wrong schema version: exit 2", () => {
  const dir = tmpDir();
  const bad = path.join(dir, "bad.json");
  fs.writeFileSync(bad, "{ not json");
  let r = run(bad, path.join(dir, "o.docx"));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^converter: invalid structure: not valid JSON/);
  fs.writeFileSync(bad, JSON.stringify({ schema: 2, meta: {}, blocks: [] }));
  r = run(bad, path.join(dir, "o.docx"));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^converter: invalid structure: schema: /);
});

test("missing file argument: exit 2 with usage", () => {
  for (const args of [[], [path.join(FIXTURES, "all-blocks.json")]]) {
    const r = run(...args);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^converter: usage: node converter\/index\.js IN\.json OUT\.docx/);
  }
});

test("other failures: exit 1, one line, no stack trace", () => {
  const dir = tmpDir();
  let r = run(path.join(dir, "absent.json"), path.join(dir, "o.docx"));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^converter: cannot read .*absent\.json/);
  assert.equal(r.stderr.trimEnd().split("\n").length, 1);
  r = run(path.join(FIXTURES, "all-blocks.json"), path.join(dir, "no-such-dir", "o.docx"));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^converter: cannot write .*o\.docx: no such file or directory/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test("a bad theme override: exit 2 naming its JSON path", () => {
  const dir = tmpDir();
  const inp = path.join(dir, "in.json");
  const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "all-blocks.json"), "utf8"));
  doc.meta.theme = { body: { fnt: "Georgia" } };
  fs.writeFileSync(inp, JSON.stringify(doc));
  const r = run(inp, path.join(dir, "o.docx"));
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "converter: invalid structure: meta.theme.body.fnt: unknown theme key\n");
  assert.equal(fs.existsSync(path.join(dir, "o.docx")), false);
});
