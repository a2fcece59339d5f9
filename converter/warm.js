"use strict";
// A converter started before its JSON exists (`node converter/index.js --wait`, issue 21):
// while Python is still importing and parsing, it loads its modules and converts a small
// made-up document once (headings, prose, a table, a list, code and log lines, the table of
// contents with its page-number estimate), so that V8 has compiled the hot paths (docx-js,
// its layout estimator) by the time the real document comes. The warm-up's failures are
// ignored: it only makes the real conversion faster.

const fs = require("fs");
const os = require("os");
const path = require("path");

const WORDS = "the queue keeps every job in memory until a worker takes it and reports back".split(" ");

function sentence(i, n = 14) {
  const words = [];
  for (let k = 0; k < n; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return `${words.join(" ")}.`;
}

function para(i) {
  return {
    type: "paragraph",
    runs: [
      { text: `${sentence(i)} ` },
      { text: "bold words", bold: true },
      { text: ` ${sentence(i + 1, 9)} ` },
      { text: "code()", code: true },
      { text: ` ${sentence(i + 2, 20)}`, italic: i % 2 === 0 },
    ],
  };
}

function codeLines(n, log) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    if (log) {
      const level = i % 9 === 0 ? "WARN " : "INFO ";
      lines.push([
        { text: `2026-01-01 00:00:${String(i % 60).padStart(2, "0")},${100 + i} ` },
        { text: level, color: i % 9 === 0 ? "9A6700" : "1F6FEB", bold: i % 9 === 0 },
        { text: `[worker-${i % 4}] ${sentence(i, 8)}` },
      ]);
    } else {
      lines.push([{ text: "def", color: "008000", bold: true }, { text: ` f${i}(x):` }, { text: ` # ${sentence(i, 5)}`, color: "3D7B7B", italic: true }]);
    }
  }
  return { text: lines.map((l) => l.map((r) => r.text).join("")).join("\n"), lines };
}

function sampleStructure() {
  const blocks = [];
  for (let h = 0; h < 4; h++) {
    blocks.push({ type: "heading", level: h === 0 ? 1 : 2, runs: [{ text: `Part ${h}` }], id: `h_warm_${h}` });
    for (let i = 0; i < 6; i++) blocks.push(para(h * 10 + i));
    const cell = (t) => [{ text: t }];
    blocks.push({
      type: "table",
      align: [null, "center", "right"],
      header: [cell("Name"), cell("Min"), cell("Notes")],
      rows: [0, 1, 2].map((r) => [cell(`row ${r}`), cell(String(r)), [{ text: sentence(r, 6) }, { text: "x", code: true }]]),
    });
    blocks.push({
      type: "list",
      ordered: h % 2 === 0,
      items: [0, 1, 2].map((i) => ({ blocks: [{ type: "paragraph", runs: [{ text: sentence(i, 8) }] }] })),
    });
    blocks.push({ type: "code", language: h % 2 ? "log" : "python", ...codeLines(40, h % 2 === 1) });
    blocks.push({ type: "quote", blocks: [para(h)] });
  }
  const meta = { title: "Warm-up", author: "", date: "2026-01-01", description: "", created: "2026-01-01T00:00:00+00:00", toc: true };
  return { schema: 1, meta, footnotes: [], blocks };
}

// Converts the sample once to a temporary file, then removes it. Never throws.
async function warmUp(convert) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docgen-warm-"));
  try {
    const json = path.join(dir, "warm.json");
    fs.writeFileSync(json, JSON.stringify(sampleStructure()));
    await convert(json, path.join(dir, "warm.docx"));
  } catch {
    /* a warm-up only */
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { warmUp, sampleStructure };
