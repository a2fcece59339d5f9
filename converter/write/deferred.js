"use strict";
// Writing a long document's body in pieces, with docx-js.
//
// docx-js compiles a document from its objects in one go: every paragraph's objects, their
// formatted XML tree and the XML string exist at once (about 13 KB of heap per paragraph;
// 2.6 GB for 10 MB of markdown). For a long document, ../build/ builds only what must be
// part of the document when docx-js compiles it (the title page, the contents, headings,
// sections) and leaves, in place of each run of other blocks (a "unit"), a marker
// paragraph. Here each unit is built, formatted by docx-js's own formatter with the context
// its compiler gives the body, written as XML to a scratch file, and let go; the document
// is then compiled by docx-js; and ./package.js streams document.xml with each marker
// paragraph replaced by its unit's XML. What a unit registers while it is formatted
// (hyperlink relationships, pictures, numbering instances) is registered with the
// document, as when the whole body is formatted; footnotes first referred to in a unit are
// added to the document before it is compiled. The `{key}` placeholders docx-js writes for
// pictures and lists are given the values docx-js gives them in the document.
//
// The XML strings are written by the xml package, the writer docx-js's own reproduces byte
// for byte; a test checks the result is docx-js's document.xml for the whole body.

const fs = require("fs");
const xml = require("xml");
const { Packer, Paragraph } = require("docx");

const PLACEHOLDER = /\{([^{}]+)\}/g;
const SEPARATOR = "\u0000"; // never in docx-js's XML (it drops NUL characters)

// Builds and formats the units of `builder` (a ../build/document.js Builder whose body was
// deferred, see ../build/units.js) in document order, appending their XML to the file
// `scratch`. Returns, per unit, its marker text and the byte range of its XML, and the
// placeholders the units hold.
async function formatUnits(doc, builder, scratch) {
  const body = doc.Document.View.Body;
  const formatter = Packer.compiler.formatter;
  const fd = fs.openSync(scratch, "w");
  const units = [];
  const placeholders = new Set();
  let offset = 0;
  let notes = builder.noteNumbers.size; // footnotes the document already has
  try {
    for (const unit of builder.units) {
      const objects = builder.renderUnit(unit);
      // The section this unit's marker ends (the paragraph before a landscape table), as
      // docx-js ends a section: in its last paragraph, or an empty one after a table.
      const section = body.sectionParagraphs.get(unit.marker);
      let closing = null;
      if (section) {
        const last = objects[objects.length - 1];
        closing = last instanceof Paragraph ? last : new Paragraph({});
        if (closing !== last) objects.push(closing);
        closing.addSectionProperties(section);
      }
      let text;
      try {
        // the context docx-js's compiler formats the body's children in
        const context = { viewWrapper: doc.Document, file: doc, stack: [doc.Document.View, body] };
        text = xml(objects.map((o) => formatter.format(o, context)));
      } finally {
        if (closing) closing.removeSectionProperties(section);
      }
      // xml() leaves a process.nextTick callback that holds its output: let them run
      await new Promise(setImmediate);
      if (text.includes("{")) for (const m of text.matchAll(PLACEHOLDER)) placeholders.add(m[0]);
      const bytes = Buffer.from(text, "utf8");
      fs.writeSync(fd, bytes);
      units.push({ mark: unit.mark, offset, length: bytes.length });
      offset += bytes.length;
      // footnotes first referred to in this unit, numbered in order of first reference
      while (notes < builder.noteNumbers.size) {
        notes += 1;
        doc.FootNotes.View.createFootNote(notes, builder.notes[notes].children);
      }
      unit.items = null; // built and written: let the blocks go
    }
  } finally {
    fs.closeSync(fd);
  }
  return { units, placeholders };
}

// Compiles the document with docx-js, its pictures counting those in the units (docx-js
// numbers the relationships of the pictures it finds in document.xml). Returns the
// compiled files and the value of each of the units' placeholders in the document.
function compileDeferred(doc, nonce, placeholders) {
  const compiler = Packer.compiler;
  const images = compiler.imageReplacer;
  const { getMediaData, replace } = Object.getPrototypeOf(images);
  const extra = [...placeholders].join("");
  let documentImages = null;
  // document.xml is the part with the unit markers (the nonce)
  images.getMediaData = (data, media) => getMediaData.call(images, data.includes(nonce) ? data + extra : data, media);
  images.replace = (data, list, offset) => {
    if (data.includes(nonce)) documentImages = { list, offset };
    return replace.call(images, data, list, offset);
  };
  let files;
  try {
    files = compiler.compile(doc);
  } finally {
    delete images.getMediaData;
    delete images.replace;
  }
  // docx-js replaces pictures' placeholders, then lists', in the whole document.xml
  const keys = [...placeholders];
  let values = keys.join(SEPARATOR);
  if (documentImages) values = replace.call(images, values, documentImages.list, documentImages.offset);
  values = compiler.numberingReplacer.replace(values, doc.Numbering.ConcreteNumbering).split(SEPARATOR);
  const valueOf = new Map();
  keys.forEach((k, i) => {
    if (values[i] !== k) valueOf.set(k, values[i]);
  });
  return { files, valueOf };
}

// The XML of a unit, from the scratch file, with its placeholders' values.
function unitXml(fd, unit, valueOf) {
  const bytes = Buffer.alloc(unit.length);
  let read = 0;
  while (read < unit.length) {
    const n = fs.readSync(fd, bytes, read, unit.length - read, unit.offset + read);
    if (n === 0) throw new Error("internal: the scratch file of the document's body is short");
    read += n;
  }
  const text = bytes.toString("utf8");
  return valueOf.size && text.includes("{") ? text.replace(PLACEHOLDER, (m) => valueOf.get(m) ?? m) : text;
}

module.exports = { formatUnits, compileDeferred, unitXml };
