#!/usr/bin/env node
"use strict";
// docx-js's object model against XML written from templates, on one representative piece of
// a long document (issue 21): N paragraphs of five runs each (plain text with characters to
// escape, bold, italic, inline code, plain), the shape most of a long markdown document's
// body has.
//
//   node bench/docx_template.js [N]        (default 100000)
//
// docx-js: the converter's own path for a long body (converter/write/deferred.js
// formatUnits): each unit of 200 blocks built as docx-js objects, formatted by docx-js's
// formatter and written to a scratch file. Templates: the same XML from string templates
// (one per run property) with the converter's escaping (write/package.js escapeText),
// written the same way. The two files must be byte for byte the same (checked), then the
// CPU time and the heap are compared. Not a test: numbers depend on the machine.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { buildPackage } = require("../converter/build/document");
const { formatUnits } = require("../converter/write/deferred");
const { escapeText } = require("../converter/write/package");

const N = Number(process.argv[2] || 100000);
const CODE_RPR =
  '<w:rStyle w:val="VerbatimChar"/><w:rFonts w:ascii="Consolas" w:cs="Consolas" w:eastAsia="Consolas" w:hAnsi="Consolas"/>' +
  '<w:color w:val="374151"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:shd w:fill="F3F4F6" w:color="auto" w:val="clear"/>';
const RPR = { plain: "", bold: "<w:rPr><w:b/><w:bCs/></w:rPr>", italic: "<w:rPr><w:i/><w:iCs/></w:rPr>", code: `<w:rPr>${CODE_RPR}</w:rPr>` };

function blocks(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({
      type: "paragraph",
      runs: [
        { text: `Paragraph ${i} says <this> & "that", ` },
        { text: "bold words", bold: true },
        { text: " then ", italic: true },
        { text: `code_${i}()`, code: true },
        { text: " and the end of the sentence." },
      ],
    });
  }
  return out;
}

function kindOf(run) {
  return run.code ? "code" : run.bold ? "bold" : run.italic ? "italic" : "plain";
}

function templateXml(block) {
  let s = "<w:p>";
  for (const run of block.runs) s += `<w:r>${RPR[kindOf(run)]}<w:t xml:space="preserve">${escapeText(run.text)}</w:t></w:r>`;
  return `${s}</w:p>`;
}

function cpuMs(since) {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docx-template-"));
  try {
    const structure = { schema: 1, meta: { title: "T", author: "", created: "2026-12-04T00:00:00Z" }, blocks: blocks(N) };
    const source = structure.blocks.slice();
    // docx-js
    global.gc?.();
    let t = process.cpuUsage();
    const built = buildPackage(structure, { baseDir: dir });
    const a = path.join(dir, "docx.xml");
    const { units } = await formatUnits(built.doc, built.deferred, a);
    const docxMs = cpuMs(t);
    const docxHeap = process.memoryUsage().heapUsed;
    // templates, written unit by unit as formatUnits writes
    global.gc?.();
    t = process.cpuUsage();
    const b = path.join(dir, "template.xml");
    const fd = fs.openSync(b, "w");
    for (let i = 0; i < source.length; i += 200) fs.writeSync(fd, source.slice(i, i + 200).map(templateXml).join(""));
    fs.closeSync(fd);
    const templateMs = cpuMs(t);
    const same = fs.readFileSync(a).equals(fs.readFileSync(b));
    const mb = fs.statSync(a).size / 1e6;
    console.log(`${N} paragraphs, ${units.length} units, ${mb.toFixed(1)} MB of XML, identical: ${same}`);
    console.log(`docx-js objects + formatter: ${(docxMs / 1000).toFixed(2)} s CPU (heap after: ${(docxHeap / 2 ** 20).toFixed(0)} MB)`);
    console.log(`templates:                   ${(templateMs / 1000).toFixed(2)} s CPU (${(docxMs / templateMs).toFixed(1)}x less)`);
    if (!same) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
