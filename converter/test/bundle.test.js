"use strict";
// The bundles the wheel ships (../bundle.js): built into a temporary folder, copied alone into
// another (no node_modules, no converter/ beside them), they must give what the sources give.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { tmpDir, unzipDocx, FIXTURES } = require("./helpers");

const ROOT = path.join(__dirname, "..", "..");
const SOURCES = { converter: path.join(ROOT, "converter", "index.js"), lint: path.join(ROOT, "converter", "lint", "server.js") };
const LINT_FIX = path.join(__dirname, "lint");
const GOLDEN = path.join(__dirname, "golden");

// Built once, then moved where nothing of the checkout can be found from it.
const ALONE = (() => {
  const built = tmpDir();
  const r = spawnSync(process.execPath, [path.join(ROOT, "converter", "bundle.js"), built], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const alone = fs.mkdtempSync(path.join(require("os").tmpdir(), "docgen-bundle-"));
  for (const f of fs.readdirSync(built)) fs.copyFileSync(path.join(built, f), path.join(alone, f));
  return alone;
})();
const BUNDLES = { converter: path.join(ALONE, "converter.js"), lint: path.join(ALONE, "lint.js") };

function node(script, args, input) {
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8", input, cwd: ALONE, env: { ...process.env, NODE_PATH: "" } });
}

// Every part of the .docx but docProps/core.xml (its dates are the time of the run), with
// docx-js's random hyperlink relationship ids made one.
function parts(file) {
  const { files } = unzipDocx(fs.readFileSync(file));
  delete files["docProps/core.xml"];
  const text = (bytes) => Buffer.from(bytes).toString("utf8").replace(/rId[A-Za-z0-9_-]{21}(?![A-Za-z0-9_-])/g, "rId*");
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, text(bytes)]));
}

function assertSameParts(actual, expected, what) {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), what);
  for (const name of Object.keys(expected)) assert.ok(actual[name] === expected[name], `${what}: ${name} differs`);
}

test("bundle: only the three programs and the licences, each one file", () => {
  assert.deepEqual(fs.readdirSync(ALONE).sort(), ["THIRD-PARTY-LICENSES.txt", "converter.js", "lint.js", "mathml.js"]);
  const licences = fs.readFileSync(path.join(ALONE, "THIRD-PARTY-LICENSES.txt"), "utf8");
  for (const pkg of ["docx@", "markdownlint@", "temml@", "mathml2omml@", "yazl@"]) assert.match(licences, new RegExp(`- ${pkg}`));
});

test("bundle: the converter writes the same document as the sources (blocks, golden fixtures, math)", () => {
  const dir = tmpDir();
  const math = path.join(dir, "math.json");
  const runs = [{ text: "Euler: " }, { math: String.raw`e^{i\pi} + 1 = 0` }, { text: " and " }, { math: String.raw`\frac{a}{b`, display: false }];
  fs.writeFileSync(math, JSON.stringify({ schema: 1, meta: { title: "Math", author: "Tester", description: "", created: "2026-11-21T23:50:00Z" }, blocks: [{ type: "paragraph", runs }, { type: "paragraph", runs: [{ math: String.raw`\sum_{i=1}^n i = \frac{n(n+1)}{2}`, display: true }] }] }));
  const inputs = [path.join(FIXTURES, "all-blocks.json"), path.join(GOLDEN, "toc.json"), path.join(GOLDEN, "footnotes.json"), math];
  for (const input of inputs) {
    const fromSource = spawnSync(process.execPath, [SOURCES.converter, input, path.join(dir, "a.docx")], { encoding: "utf8", cwd: path.dirname(input) });
    const fromBundle = spawnSync(process.execPath, [BUNDLES.converter, input, path.join(dir, "b.docx")], { encoding: "utf8", cwd: path.dirname(input) });
    assert.equal(fromSource.status, 0, fromSource.stderr);
    assert.equal(fromBundle.status, 0, `${path.basename(input)}: ${fromBundle.stderr}`);
    assert.equal(fromBundle.stdout, fromSource.stdout); // the math-failed lines
    assertSameParts(parts(path.join(dir, "b.docx")), parts(path.join(dir, "a.docx")), path.basename(input));
  }
  const omml = parts(path.join(dir, "b.docx"))["word/document.xml"];
  assert.match(omml, /<m:oMath/); // temml and mathml2omml are in the bundle
});

test("bundle: a schema fault is reported as by the sources", () => {
  const bad = path.join(FIXTURES, "bad-block-type.json");
  const r = node(BUNDLES.converter, [bad, path.join(tmpDir(), "x.docx")]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^converter: invalid structure: blocks\[1\]\.items\[0\]\.blocks\[1\]: unknown block type "foo"/);
});

test("bundle: the lint server answers as the sources (lint, fix, version with the table patch)", () => {
  const requests = [
    { id: 1, op: "lint", text: fs.readFileSync(path.join(LINT_FIX, "heading-skip.md"), "utf8"), first_line: 7 },
    { id: 2, op: "lint", text: fs.readFileSync(path.join(LINT_FIX, "ragged-table.md"), "utf8") },
    { id: 3, op: "fix", text: fs.readFileSync(path.join(LINT_FIX, "protected.md"), "utf8"), protected: [[5, 11]] },
    { id: 4, op: "fix", text: fs.readFileSync(path.join(LINT_FIX, "blank-lines.md"), "utf8") },
    { id: 5, op: "version" },
  ];
  const input = requests.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const answers = (script) => {
    const r = node(script, ["--server"], input);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split("\n").map((line) => {
      const a = JSON.parse(line);
      delete a.config; // where the config was read from
      return a;
    });
  };
  const bundled = answers(BUNDLES.lint);
  assert.deepEqual(bundled, answers(SOURCES.lint));
  assert.equal(bundled[4].table_patch, true);
  assert.ok(bundled[0].findings.length > 0 && bundled[3].applied.length > 0);
});

test("buffer-crc32: the module package.js patches is the one yazl calls", () => {
  const ours = require.resolve("buffer-crc32");
  const yazls = require.resolve("buffer-crc32", { paths: [require.resolve("yazl")] });
  assert.equal(ours, yazls);
});

test("bundle: mathml.js gives the sources' MathML, and null for a formula that does not convert", () => {
  const request = JSON.stringify([{ tex: String.raw`\frac{a}{b}`, display: false }, { tex: String.raw`\frac{a}{b`, display: true }]);
  const run = (script) => spawnSync(process.execPath, [script], { input: request, encoding: "utf8" });
  const fromSource = run(path.join(__dirname, "..", "mathml.js"));
  const fromBundle = run(path.join(ALONE, "mathml.js"));
  assert.equal(fromBundle.status, 0, fromBundle.stderr);
  assert.equal(fromBundle.stdout, fromSource.stdout);
  const answers = JSON.parse(fromBundle.stdout);
  assert.match(answers[0], /<math/);
  assert.equal(answers[1], null);
});
