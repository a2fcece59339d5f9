"use strict";
// Writes a built docx-js Document as a .docx file.
//
// docx-js compiles the package's parts (XML strings and media); they are zipped here with
// yazl, which deflates with Node's native zlib (docx-js's own packer deflates in
// JavaScript, which was most of the conversion time of big documents). word/document.xml is
// streamed into the zip: the template paragraphs of code blocks whose lines are in a file
// (`body`, see codeBodyTemplates in ../build/blocks.js) are replaced by one paragraph per
// line, generated from the templates while the file is read, so a 100 MB log never exists
// as docx-js objects, nor as one string.

const fs = require("fs");
const { Readable } = require("stream");
const { pipeline } = require("stream/promises");
const zlib = require("zlib");
const yazl = require("yazl");

// yazl checksums with buffer-crc32, a byte-at-a-time JavaScript loop (0.6 s per 100 MB, a
// fifth of the whole conversion of a big log). Node 20.15+ has zlib's native crc32: same
// function, same continuation argument, so yazl gets it where it exists. buffer-crc32 is a
// dependency of ours at the version yazl asks for, so npm installs one copy (and the bundle
// holds one): the module patched here is the one yazl calls (a write test checks).
if (typeof zlib.crc32 === "function") {
  // eslint-disable-next-line global-require
  const bufferCrc32 = require("buffer-crc32");
  bufferCrc32.unsigned = (data, previous) => zlib.crc32(data, previous || 0);
}
const { Packer, SectionProperties } = require("docx");
const { codeLine } = require("../text");
const { formatUnits, compileDeferred, unitXml } = require("./deferred");

const MTIME = new Date(2000, 0, 1); // fixed: the same input gives the same bytes
const COMPRESSION_LEVEL = 3;
const CHUNK_CHARS = 1 << 20; // document.xml is handed to zlib in pieces of about this size

// As docx-js escapes text (escapeAll in docx's xml stringifier): control characters were
// already made visible by codeLine.
const ESCAPES = { "&": "&amp;", '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };
const ESCAPE_RE = /[&"'<>]/g;
const NEEDS_ESCAPE = /[&"'<>]/;

function escapeText(s) {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_RE, (c) => ESCAPES[c]) : s;
}

// The <w:t>/<w:tab/> content of a run for a (cleaned, non-empty) line: what docx-js writes
// for a TextRun whose children are ../build/runs.js's textChildren(line).
const T_OPEN = '<w:t xml:space="preserve">';
const T_CLOSE = "</w:t>";

function runContent(line) {
  if (!line.includes("\t")) return `${T_OPEN}${escapeText(line)}${T_CLOSE}`;
  let out = "";
  line.split("\t").forEach((part, i) => {
    if (i > 0) out += "<w:tab/>";
    if (part) out += `${T_OPEN}${escapeText(part)}${T_CLOSE}`;
  });
  return out;
}

class SpliceError extends Error {}

// Where a splice's template paragraphs are in document.xml, and the pieces of XML they
// give: per position the paragraph start (<w:p> and its properties), per palette entry the
// run before and after its text.
function locate(xml, splice, from) {
  const { positions, paletteSize, mark } = splice;
  // where the run text of template (pos, s) is: docx-js writes it as <w:t ...>MARK</w:t>
  const textAt = (pos, s) => {
    const at = xml.indexOf(`${T_OPEN}${mark(pos, s)}${T_CLOSE}`, from);
    if (at < 0) throw new SpliceError(`code body template ${splice.id} not found in document.xml`);
    return at;
  };
  const paraStart = (at) => Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
  const start = paraStart(textAt(positions[0], 0));
  const end = xml.indexOf("</w:p>", textAt(positions[positions.length - 1], paletteSize - 1)) + "</w:p>".length;
  const head = {};
  for (const pos of positions) {
    const at = textAt(pos, 0);
    head[pos] = xml.slice(paraStart(at), xml.lastIndexOf("<w:r>", at));
  }
  const runs = [];
  for (let s = 0; s < paletteSize; s++) {
    const at = textAt(positions[0], s);
    const textEnd = at + T_OPEN.length + mark(positions[0], s).length + T_CLOSE.length;
    const runEnd = xml.indexOf("</w:r>", textEnd) + "</w:r>".length;
    runs.push([xml.slice(xml.lastIndexOf("<w:r>", at), at), xml.slice(textEnd, runEnd)]);
  }
  return { start, end, head, runs };
}

// A line's paragraph with a bookmark around its content (a generated section links to it;
// blocks.anchors). Ids far above docx-js's own (it counts its bookmarks from 1).
let bookmarkIds = 1_000_000;
function bookmarked(xml, at, name, id) {
  const end = xml.length - "</w:p>".length;
  return `${xml.slice(0, at)}<w:bookmarkStart w:name="${name}" w:id="${id}"/>${xml.slice(at, end)}<w:bookmarkEnd w:id="${id}"/></w:p>`;
}

// The paragraphs of one body, in pieces of about CHUNK_CHARS characters.
async function* bodyXml(splice, shape) {
  const { path, lines: expected, line_styles: styles, offset = 0, length } = splice.body;
  const { head, runs } = shape;
  const last = expected - 1;
  let index = 0;
  let out = [];
  let size = 0;
  const emit = (raw) => {
    if (index > last) throw new SpliceError(`${path}: more lines than the ${expected} announced`);
    const pos = expected === 1 ? "only" : index === 0 ? "first" : index === last ? "last" : "middle";
    const line = codeLine(raw);
    let xml;
    if (!line) {
      xml = `${head[pos]}</w:p>`;
    } else {
      const run = runs[styles ? styles.charCodeAt(index) - 48 : 0];
      xml = `${head[pos]}${run[0]}${runContent(line)}${run[1]}</w:p>`;
    }
    const anchor = splice.anchors && splice.anchors[String(index)];
    if (anchor) xml = bookmarked(xml, head[pos].length, anchor, (bookmarkIds += 1));
    out.push(xml);
    size += xml.length;
    index += 1;
  };
  let rest = "";
  const range = { start: offset };
  if (length !== undefined) range.end = offset + length - 1; // inclusive; before start: nothing
  const stream = length === 0 ? [] : fs.createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_CHARS, ...range });
  for await (const chunk of stream) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop();
    for (const raw of parts) emit(raw);
    if (size >= CHUNK_CHARS) {
      yield out.join("");
      out = [];
      size = 0;
    }
  }
  emit(rest);
  if (index !== expected) throw new SpliceError(`${path}: ${index} lines, ${expected} announced`);
  if (out.length) yield out.join("");
}

// The pieces document.xml is made of: the compiled XML, and (a document written in pieces,
// ./deferred.js) each unit's XML in place of its marker paragraph.
function* pieces(xml, deferred) {
  if (!deferred) {
    yield xml;
    return;
  }
  const fd = fs.openSync(deferred.scratch, "r");
  try {
    let pos = 0;
    for (const unit of deferred.units) {
      const at = xml.indexOf(`${T_OPEN}${unit.mark}${T_CLOSE}`, pos);
      if (at < 0) throw new SpliceError(`body unit ${unit.mark} not found in document.xml`);
      const start = xml.lastIndexOf("<w:p>", at); // docx-js writes a paragraph without attributes
      if (start < pos) throw new SpliceError(`body unit ${unit.mark} is not in a paragraph of its own`);
      yield xml.slice(pos, start);
      yield unitXml(fd, unit, deferred.valueOf);
      pos = xml.indexOf("</w:p>", at) + "</w:p>".length;
    }
    yield xml.slice(pos);
  } finally {
    fs.closeSync(fd);
  }
}

// document.xml, with the code bodies spliced in: each splice's templates are in one piece.
async function* documentXml(xml, splices, deferred = null) {
  let next = 0;
  for (const piece of pieces(xml, deferred)) {
    let pos = 0;
    while (next < splices.length) {
      const splice = splices[next];
      const first = `${T_OPEN}${splice.mark(splice.positions[0], 0)}${T_CLOSE}`;
      if (piece.indexOf(first, pos) < 0) break;
      const shape = locate(piece, splice, pos);
      yield piece.slice(pos, shape.start);
      yield* bodyXml(splice, shape);
      pos = shape.end;
      next += 1;
    }
    yield pos ? piece.slice(pos) : piece;
  }
  if (next < splices.length) throw new SpliceError(`code body template ${splices[next].id} not found in document.xml`);
}

async function* asBuffers(strings) {
  for await (const s of strings) if (s) yield Buffer.from(s, "utf8");
}

// docx-js finds the section of each table by scanning the body from the table to the end of
// its section (Body.getSectionPropertiesFor: indexOf, then a loop), once or twice per table:
// quadratic, seconds for a document with thousands of tables. The answer only depends on
// the body's children, so it is computed for all of them in one backward pass, and again
// whenever the children change. Same results; anything unexpected falls back to docx-js.
function fastSectionLookup(doc) {
  const body = doc && doc.Document && doc.Document.View && doc.Document.View.Body;
  if (!body || typeof body.getSectionPropertiesFor !== "function" || !Array.isArray(body.root)) return;
  if (!(body.sectionParagraphs instanceof Map) || !Array.isArray(body.sections)) return;
  const original = body.getSectionPropertiesFor.bind(body);
  let cache = null;
  let key = null;
  body.getSectionPropertiesFor = (child) => {
    const root = body.root;
    if (!child) return original(child);
    if (!cache || key[0] !== root.length || key[1] !== root[0] || key[2] !== root[root.length - 1]) {
      cache = new Map();
      key = [root.length, root[0], root[root.length - 1]];
      let current = body.sections[body.sections.length - 1];
      for (let i = root.length - 1; i >= 0; i--) {
        const component = root[i];
        if (component instanceof SectionProperties) current = component;
        else if (body.sectionParagraphs.has(component)) current = body.sectionParagraphs.get(component);
        cache.set(component, current);
      }
    }
    // not a child of the body (a table in a deferred unit, see ./deferred.js): docx-js
    // scans the whole body for it in vain, then answers as for no child
    return cache.has(child) ? cache.get(child) : original(undefined);
  };
}

// Writes the document (and its spliced code bodies) to outPath as a zip. `deferred`: the
// Builder of a document whose body is written in pieces (./deferred.js), or null.
async function writePackage(doc, splices, outPath, deferred = null) {
  fastSectionLookup(doc);
  if (!deferred) {
    await writeZip(Packer.compiler.compile(doc), splices, outPath, null);
    return;
  }
  const scratch = `${outPath}.body`;
  try {
    const { units, placeholders } = await formatUnits(doc, deferred, scratch);
    const { files, valueOf } = compileDeferred(doc, deferred.nonce, placeholders);
    await writeZip(files, splices, outPath, { scratch, units, valueOf });
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

// Zips the compiled files; document.xml is streamed (code bodies, deferred units).
async function writeZip(files, splices, outPath, deferred) {
  const zip = new yazl.ZipFile();
  const opts = { mtime: MTIME, compressionLevel: COMPRESSION_LEVEL };
  const order = [...files.keys()].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : 0));
  let failure = null;
  for (const name of order) {
    const data = files.get(name);
    if (name === "word/document.xml" && (splices.length || deferred)) {
      const source = Readable.from(asBuffers(documentXml(data, splices, deferred)), { objectMode: false });
      source.on("error", (e) => {
        failure = failure || e;
        zip.outputStream.destroy(e);
      });
      zip.addReadStream(source, name, opts);
    } else {
      zip.addBuffer(typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength), name, opts);
    }
  }
  files.clear();
  zip.end();
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(outPath));
  } catch (e) {
    throw failure || e;
  }
  if (failure) throw failure;
}

module.exports = { writePackage, runContent, escapeText, SpliceError };
