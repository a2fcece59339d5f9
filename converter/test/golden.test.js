"use strict";
// Golden tests, pandoc-style: every test/golden/NAME.json is converted and its
// word/document.xml, normalised (helpers.normaliseXml: renumbered ids, one element per
// line), must equal test/golden/NAME.document.xml. Some fixtures also pin another part
// (EXTRA_PARTS: NAME.styles.xml, NAME.footnotes.xml, NAME.numbering.xml).
//
// After an intended change of the output, rewrite the expected files and review the diff:
//   UPDATE_GOLDEN=1 npm test
// Image paths in the fixtures are relative to test/golden (the pictures in assets/ are
// made by helpers.ensureGoldenAssets).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const docx = require("docx");
const { buildDocument } = require("../build/document");
const { unzipDocx, normaliseXml, ensureGoldenAssets } = require("./helpers");

const GOLDEN = path.join(__dirname, "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const EXTRA_PARTS = {
  "theme-override": ["styles"],
  footnotes: ["footnotes"],
  lists: ["numbering"],
};

ensureGoldenAssets(path.join(GOLDEN, "assets"));

const names = fs
  .readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();

test("every golden fixture has its expected document.xml", () => {
  assert.ok(names.length >= 10);
  if (UPDATE) return;
  for (const name of names) assert.ok(fs.existsSync(path.join(GOLDEN, `${name}.document.xml`)), `${name}.document.xml missing (UPDATE_GOLDEN=1 npm test)`);
});

for (const name of names) {
  test(`golden: ${name}`, async () => {
    const structure = JSON.parse(fs.readFileSync(path.join(GOLDEN, `${name}.json`), "utf8"));
    const buf = await docx.Packer.toBuffer(buildDocument(structure, { baseDir: GOLDEN }));
    const { text } = unzipDocx(buf);
    for (const part of ["document", ...(EXTRA_PARTS[name] || [])]) {
      const actual = normaliseXml(text(`word/${part}.xml`));
      const file = path.join(GOLDEN, `${name}.${part}.xml`);
      if (UPDATE) {
        fs.writeFileSync(file, actual);
        continue;
      }
      const expected = fs.readFileSync(file, "utf8");
      if (actual !== expected) {
        const a = actual.split("\n");
        const e = expected.split("\n");
        const i = a.findIndex((line, k) => line !== e[k]);
        assert.fail(
          `${name}.${part}.xml differs at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n` +
            "(UPDATE_GOLDEN=1 npm test rewrites the expected files after an intended change)",
        );
      }
    }
  });
}
