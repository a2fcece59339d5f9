"use strict";
// converter/mathml.js: TeX -> MathML for the HTML export, one answer per formula.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
const { spawnSync } = require("child_process");

const SCRIPT = path.join(__dirname, "..", "mathml.js");

function run(input) {
  const proc = spawnSync(process.execPath, [SCRIPT], { input, encoding: "utf8" });
  return { status: proc.status, out: proc.stdout };
}

test("one MathML string or null per formula, in order", () => {
  const items = [
    { tex: "\\frac{a}{b}", display: true },
    { tex: "x^2 < y", display: false },
    { tex: "\\href{javascript:alert(1)}{x}" }, // not trusted: no link, no formula
    { tex: "\\frac{" }, // a TeX error
    { tex: "x".repeat(20001) },
    "not an object",
  ];
  const { status, out } = run(JSON.stringify(items));
  assert.equal(status, 0);
  const answers = JSON.parse(out);
  assert.equal(answers.length, items.length);
  assert.match(answers[0], /^<math display="block"/);
  assert.match(answers[0], /<mfrac>/);
  assert.match(answers[1], /&lt;/);
  assert.doesNotMatch(answers[1], /display="block"/);
  assert.deepEqual(answers.slice(2), [null, null, null, null]);
});

test("input that is no JSON: exit 2, nothing written", () => {
  const { status, out } = run("{not json");
  assert.equal(status, 2);
  assert.equal(out, "");
});
