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

module.exports = { makePng, tmpDir, unzipDocx, loadFixture, FIXTURES };
