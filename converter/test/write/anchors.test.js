"use strict";
// `code.anchors` (a generated errors section links to single log lines): a bookmark on
// exactly the anchored line's paragraph, for a block carried in the JSON and a block
// streamed from a file (`body`) alike, and an internal link to it.

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { convert } = require("../../index");
const { tmpDir, unzipDocx } = require("../helpers");

const LINES = ["INFO start", "ERROR disk <full> & more", "INFO retry", "FATAL gone"];

async function documentXml(code) {
  const dir = tmpDir();
  if (code.body) {
    code.body.path = path.join(dir, "body.txt");
    fs.writeFileSync(code.body.path, LINES.join("\n"));
  }
  const structure = {
    schema: 1,
    meta: { title: "Anchors", author: "Tester", created: "2026-01-01T00:00:00Z" },
    blocks: [
      { type: "paragraph", runs: [{ text: "see ", link: "#line_0_2" }, { text: "and" }, { text: "this", link: "#line_0_4" }] },
      { type: "code", language: "log", anchors: { 1: "line_0_2", 3: "line_0_4" }, ...code },
    ],
  };
  const json = path.join(dir, "in.json");
  const out = path.join(dir, "out.docx");
  fs.writeFileSync(json, JSON.stringify(structure));
  await convert(json, out);
  return unzipDocx(fs.readFileSync(out)).text("word/document.xml");
}

function bookmarkedLines(xml) {
  const out = {};
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const name = /<w:bookmarkStart w:name="([^"]+)" w:id="(\d+)"\/>/.exec(p);
    if (!name) continue;
    assert.ok(p.includes(`<w:bookmarkEnd w:id="${name[2]}"/>`), "the bookmark is closed in its paragraph");
    out[name[1]] = [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  }
  return out;
}

for (const [kind, code] of [
  ["text", { text: LINES.join("\n") }],
  ["body", { body: { lines: LINES.length } }],
]) {
  test(`a bookmark on each anchored line (${kind})`, async () => {
    const xml = await documentXml(code);
    const marks = bookmarkedLines(xml);
    assert.deepEqual(marks, { line_0_2: "ERROR disk &lt;full&gt; &amp; more", line_0_4: "FATAL gone" });
    const ids = [...xml.matchAll(/<w:bookmarkStart [^>]*w:id="(\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, "bookmark ids are unique");
    assert.deepEqual([...xml.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]), ["line_0_2", "line_0_4"]);
  });
}

test("an anchor the contract refuses: a line index that is not digits", async () => {
  await assert.rejects(documentXml({ text: "x", anchors: { first: "a" } }));
});
