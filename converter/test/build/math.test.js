"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { convert } = require("../../build/math");

test("math: TeX becomes OMML with its text escaped and n-ary bodies filled", () => {
  const { xml } = convert(String.raw`a < b \text{ \& } \sum_{i=1}^n x_i`, false);
  assert.match(xml, /^<m:oMath /);
  assert.match(xml, /a&lt;b/);
  assert.match(xml, />&amp;</);
  assert.match(xml, /<m:nary>.*<m:e><m:sSub>/);
  assert.doesNotMatch(xml, /undefined|<w:rPr\/>/);
});

test("math: errors, macro bombs and deep nesting give a reason, not an exception", () => {
  assert.match(convert(String.raw`\badcommand{x}`, false).error, /badcommand/);
  assert.ok(convert(String.raw`\def\a{\a\a}\a`, false).error);
  assert.ok(convert(`${"{".repeat(5000)}x${"}".repeat(5000)}`, false).error);
  assert.ok(convert("x".repeat(20001), false).error);
});
