"use strict";
// Test helpers: a tiny PNG encoder (no downloads, no dependencies), docx unzipping.
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { unzipSync, strFromU8 } = require("fflate");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// A valid RGB PNG of width x height pixels (a simple gradient).
function makePng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.floor((255 * x) / Math.max(1, width - 1));
      raw[row + 2 + x * 3] = Math.floor((255 * y) / Math.max(1, height - 1));
      raw[row + 3 + x * 3] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// A valid 24-bit BMP of width x height pixels filled with one colour [r, g, b].
function makeBmp(width, height, [r, g, b] = [247, 150, 70]) {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + rowSize * height;
  const buf = Buffer.alloc(size);
  buf.write("BM", 0, "latin1");
  buf.writeUInt32LE(size, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26); // planes
  buf.writeUInt16LE(24, 28); // bits per pixel
  buf.writeUInt32LE(rowSize * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = 54 + y * rowSize + x * 3;
      buf[o] = b;
      buf[o + 1] = g;
      buf[o + 2] = r;
    }
  }
  return buf;
}

// A valid GIF of width x height pixels: a two-colour checkerboard of 8-pixel squares.
// LZW with 8-bit codes and a clear code every 100 pixels, so every code is one byte and
// no dictionary entry is ever used ("uncompressed" GIF).
function makeGif(width, height, a = [155, 187, 89], b = [255, 255, 255]) {
  const palette = Buffer.alloc(4 * 3);
  Buffer.from([...a, ...b]).copy(palette);
  const codes = [];
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (n++ % 100 === 0) codes.push(128); // clear
      codes.push(((x >> 3) + (y >> 3)) % 2);
    }
  }
  codes.push(129); // end of information
  const blocks = [];
  for (let i = 0; i < codes.length; i += 255) {
    const part = codes.slice(i, i + 255);
    blocks.push(Buffer.from([part.length, ...part]));
  }
  const head = Buffer.alloc(13);
  head.write("GIF89a", 0, "latin1");
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  head[10] = 0x81; // global colour table of 4 entries
  const desc = Buffer.alloc(10);
  desc[0] = 0x2c;
  desc.writeUInt16LE(width, 5);
  desc.writeUInt16LE(height, 7);
  return Buffer.concat([head, palette, desc, Buffer.from([7]), ...blocks, Buffer.from([0, 0x3b])]);
}

// A valid baseline greyscale JPEG of width x height pixels of one grey level: every 8x8
// block has only a DC coefficient (quantiser 1), with two tiny Huffman tables.
function makeJpeg(width, height, level = 160) {
  const seg = (marker, data) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(data.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, Buffer.from(data)]);
  };
  const dc = 8 * (level - 128);
  const cat = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const bits = [];
  const put = (value, length) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let i = 0; i < blocks; i++) {
    if (i === 0 && cat > 0) {
      put(0b10, 2); // DC category `cat`
      put(dc > 0 ? dc : dc + (1 << cat) - 1, cat);
    } else {
      put(0, 1); // DC difference 0
    }
    put(0, 1); // AC: end of block
  }
  while (bits.length % 8) bits.push(1);
  const scan = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8).join(""), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0);
  }
  const counts = (n1, n2) => [n1, n2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    seg(0xdb, [0, ...new Array(64).fill(1)]),
    seg(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]),
    seg(0xc4, [0x00, ...counts(1, cat > 0 ? 1 : 0), 0, ...(cat > 0 ? [cat] : [])]),
    seg(0xc4, [0x10, ...counts(1, 0), 0]),
    seg(0xda, [1, 1, 0x00, 0, 63, 0]),
    Buffer.from(scan),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "docgen-conv-test-"));
}

function unzipDocx(buf) {
  const files = unzipSync(new Uint8Array(buf));
  const text = (name) => (files[name] ? strFromU8(files[name]) : undefined);
  return { files, text };
}

const FIXTURES = path.join(__dirname, "fixtures");

function loadFixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));
}

// The pictures the golden fixtures use (test/golden/assets), made by the encoders above so
// they can be rebuilt byte for byte; written only when missing.
const GOLDEN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">' +
  '<rect x="10" y="10" width="380" height="180" rx="20" fill="#DCE6F2" stroke="#1F3864" stroke-width="4"/>' +
  '<text x="200" y="110" font-size="32" text-anchor="middle" fill="#1F3864">SVG diagram</text></svg>\n';

function ensureGoldenAssets(dir) {
  const assets = {
    "wide.png": () => makePng(1248, 312),
    "photo.jpg": () => makeJpeg(64, 48, 150),
    "pic.gif": () => makeGif(48, 32),
    "pic.bmp": () => makeBmp(40, 24),
    "diagram.svg": () => Buffer.from(GOLDEN_SVG),
    "diagram.png": () => makePng(400, 200),
  };
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(assets)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) fs.writeFileSync(file, make());
  }
}

// A stable, readable form of an XML part for golden comparisons: ids that docx-js takes
// from counters shared by every document of a process (bookmark ids, _Toc bookmark names,
// drawing ids) or makes at random (relationship ids) are renumbered in order of first
// appearance; then one element per line, indented; an element holding only text stays on
// one line.
function normaliseXml(xml) {
  const renumber = (re, make) => {
    const seen = new Map();
    xml = xml.replace(re, (...m) => {
      const key = m[2];
      if (!seen.has(key)) seen.set(key, seen.size + 1);
      return make(m[1], seen.get(key), m[3] || "");
    });
  };
  renumber(/(<w:bookmark(?:Start|End)\b[^>]*?w:id=")(\d+)(")/g, (pre, n, post) => `${pre}${n}${post}`);
  renumber(/(_Toc)(\d+)()/g, (pre, n) => `${pre}N${n}`);
  renumber(/(\br:(?:id|embed|link)=")([^"]+)(")/g, (pre, n, post) => `${pre}rId${n}${post}`);
  renumber(/(<(?:wp:docPr|pic:cNvPr)\b[^>]*?\bid=")(\d+)(")/g, (pre, n, post) => `${pre}${n}${post}`);
  const tokens = xml.match(/<[^>]+>|[^<]+/g) || [];
  const out = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const pad = "  ".repeat(depth);
    if (tok.startsWith("<?")) out.push(tok);
    else if (tok.startsWith("</")) {
      depth = Math.max(0, depth - 1);
      out.push("  ".repeat(depth) + tok);
    } else if (tok.startsWith("<")) {
      if (tok.endsWith("/>")) out.push(pad + tok);
      else if (i + 2 < tokens.length && !tokens[i + 1].startsWith("<") && tokens[i + 2].startsWith("</")) {
        out.push(pad + tok + tokens[i + 1] + tokens[i + 2]);
        i += 2;
      } else if (i + 1 < tokens.length && tokens[i + 1].startsWith("</")) {
        out.push(pad + tok + tokens[i + 1]);
        i += 1;
      } else {
        out.push(pad + tok);
        depth++;
      }
    } else out.push(pad + tok);
  }
  return out.join("\n") + "\n";
}

module.exports = { ensureGoldenAssets, normaliseXml, makePng, makeBmp, makeGif, makeJpeg, tmpDir, unzipDocx, loadFixture, FIXTURES };
