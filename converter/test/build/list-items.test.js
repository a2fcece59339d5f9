"use strict";
// A list item's blocks after its first paragraph belong to the item (numbering off, the
// item's indent), lists in a row stay apart, an empty link stays a link, inline code has
// its character style (issue 17: the CommonMark spec read back from the .docx).
const test = require("node:test");
const assert = require("node:assert/strict");
const docx = require("docx");
const { buildDocument } = require("../../build/document");
const { unzipDocx } = require("../helpers");

async function documentXml(blocks) {
  const structure = { schema: 1, meta: { title: "T", author: "A", description: "", created: "2026-12-04T00:00:00Z" }, blocks };
  const { text } = unzipDocx(await docx.Packer.toBuffer(buildDocument(structure)));
  return { doc: text("word/document.xml"), styles: text("word/styles.xml") };
}

const paragraphs = (xml) => xml.match(/<w:p\b[^>]*\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) || [];
const texts = (p) => [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
const numId = (p) => {
  const m = /<w:numId w:val="(\d+)"\/>/.exec(p);
  return m ? Number(m[1]) : null;
};
const left = (p) => {
  const m = /<w:ind w:left="(\d+)"/.exec(p);
  return m ? Number(m[1]) : null;
};
function withText(xml, text) {
  const p = paragraphs(xml).find((x) => texts(x).includes(text));
  assert.ok(p, `no paragraph with ${JSON.stringify(text)}`);
  return p;
}
const para = (text) => ({ type: "paragraph", runs: [{ text }] });

test("a step's second paragraph, code block, quote and nested list stay in the step", async () => {
  const steps = {
    type: "list",
    ordered: true,
    start: 1,
    items: [
      { blocks: [para("Download it."), para("Check the checksum:"), { type: "code", language: "sh", text: "sha256sum a.tgz\n\ncat SUMS" }] },
      { blocks: [para("Unpack it."), { type: "quote", blocks: [para("Needs 2 GB.")] }, { type: "list", ordered: false, items: [{ blocks: [para("on Linux")] }] }, para("Then go on.")] },
      { blocks: [para("Run it.")] },
    ],
  };
  const { doc } = await documentXml([steps]);
  const first = withText(doc, "Download it.");
  const third = withText(doc, "Run it.");
  assert.ok(numId(first) > 0);
  assert.equal(numId(third), numId(first), "the numbering goes on after the continuation blocks");
  for (const text of ["Check the checksum:", "sha256sum a.tgz", "Needs 2 GB.", "Then go on."]) {
    const p = withText(doc, text);
    assert.equal(numId(p), 0, `${text}: numbering off, no new number`);
    assert.ok(left(p) >= 360, `${text}: indented as the item (${left(p)})`);
  }
  // the code block is one paragraph: its lines separated by breaks, the blank one kept
  const code = withText(doc, "sha256sum a.tgz");
  assert.match(code, /<w:pStyle w:val="SourceCode"\/>/);
  assert.equal((code.match(/<w:br\/>/g) || []).length, 2);
  assert.ok(texts(code).includes("cat SUMS"));
  // the nested list is numbered at level 1 with a list of its own
  const nested = withText(doc, "on Linux");
  assert.match(nested, /<w:ilvl w:val="1"\/>/);
  assert.ok(numId(nested) > 0 && numId(nested) !== numId(first));
});

test("a paragraph after the list is not in it; a code block outside lists is one paragraph a line", async () => {
  const { doc } = await documentXml([
    { type: "list", ordered: false, items: [{ blocks: [para("item")] }] },
    para("after the list"),
    { type: "code", language: null, text: "a\nb" },
  ]);
  assert.equal(numId(withText(doc, "after the list")), null);
  assert.equal(numId(withText(doc, "a")), null);
  assert.ok(!/<w:br\/>/.test(withText(doc, "a")));
});

test("two bulleted lists in a row stay two lists", async () => {
  const list = (t) => ({ type: "list", ordered: false, items: [{ blocks: [para(t)] }] });
  const { doc } = await documentXml([list("minus item"), list("plus item")]);
  assert.notEqual(numId(withText(doc, "minus item")), numId(withText(doc, "plus item")));
});

test("an empty link destination stays a link; inline code has the Verbatim Char style", async () => {
  const { doc, styles } = await documentXml([
    { type: "paragraph", runs: [{ text: "empty", link: "" }, { text: " and " }, { text: "ls -l", code: true }] },
  ]);
  assert.match(doc, /<w:hyperlink [^>]*r:id="[^"]+"[^>]*>[\s\S]*?empty/);
  assert.match(doc, /<w:rStyle w:val="VerbatimChar"\/>[\s\S]*?ls -l/);
  assert.match(styles, /<w:style w:type="character" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"\/>/);
});
