"use strict";
// TeX -> MathML for the HTML export (agentic_docgen/export/htmlruns.py): reads a JSON array
// of {tex, display} on stdin, writes a JSON array of the same length on stdout, each a MathML
// string (temml, with the converter's options: no \href or \class, bounded expansion) or
// null for a formula that does not convert (the page then shows its TeX as code).

const temml = require("temml");

const MAX_TEX = 20000; // as converter/build/math.js
const OPTIONS = { throwOnError: true, trust: false, strict: false, maxExpand: 300, xml: false };

function mathml(item) {
  if (!item || typeof item.tex !== "string" || item.tex.length > MAX_TEX) return null;
  try {
    return temml.renderToString(item.tex, { ...OPTIONS, displayMode: item.display === true });
  } catch {
    return null;
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  let items = [];
  try {
    items = JSON.parse(input);
  } catch {
    process.exitCode = 2;
    return;
  }
  process.stdout.write(JSON.stringify(Array.isArray(items) ? items.map(mathml) : []));
});
