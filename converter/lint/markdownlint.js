"use strict";
// Loading markdownlint with docgen's config (./markdownlint.json), once per process.
// applyFixes is exported by the package root ("markdownlint" -> lib/exports.mjs: applyFix,
// applyFixes, getVersion); lint comes from "markdownlint/sync". The config is required (not
// read from disk by path) so that the bundle (../bundle.js) holds it.
//
// micromark's GFM table parser is quadratic in the document's table cell count; it is
// patched in this process (see patchGfmTableEditMap).

const path = require("path");

const CONFIG_PATH = path.join(__dirname, "markdownlint.json");

let ml = null; // { lint, applyFixes, getVersion, config, tablePatch }

// markdownlint is ESM only; node >= 20.19 can require() it, older node needs import().
async function load() {
  if (ml) return ml;
  let sync;
  let root;
  try {
    sync = require("markdownlint/sync");
    root = require("markdownlint");
  } catch (err) {
    if (err.code !== "ERR_REQUIRE_ESM" && err.code !== "ERR_REQUIRE_ASYNC_MODULE") throw err;
    sync = await import("markdownlint/sync");
    root = await import("markdownlint");
  }
  ml = { lint: sync.lint, applyFixes: root.applyFixes, getVersion: root.getVersion };
  ml.config = require("./markdownlint.json"); // plain JSON, no "extends": what readConfig would give
  ml.tablePatch = await patchGfmTableEditMap();
  return ml;
}

// micromark-extension-gfm-table's EditMap.add looks for an existing entry at the same index by
// scanning all entries, and the table resolver adds several per cell of the whole document, so a

// 390 s). The same class in markdown-rs: https://github.com/wooorm/markdown-rs/issues/218.
// Replace add() (in this process only) by the same operation with an index; consume() and the
// result are unchanged. Returns whether the patch is in place.
async function patchGfmTableEditMap() {
  let EditMap;
  try {
    ({ EditMap } = await editMapModule());
  } catch {
    return false;
  }
  if (typeof EditMap !== "function" || typeof EditMap.prototype.add !== "function") return false;
  if (EditMap.prototype.add.docgenIndexed) return true;
  const indexedAdd = function add(index, remove, add) {
    if (remove === 0 && add.length === 0) return;
    if (this.docgenIndex === undefined || this.docgenIndexLength !== this.map.length) {
      // First use, or consume() emptied the map.
      this.docgenIndex = new Map();
      for (const item of this.map) if (!this.docgenIndex.has(item[0])) this.docgenIndex.set(item[0], item);
      this.docgenIndexLength = this.map.length;
    }
    const item = this.docgenIndex.get(index);
    if (item) {
      item[1] += remove;
      item[2].push(...add);
      return;
    }
    const created = [index, remove, add];
    this.map.push(created);
    this.docgenIndex.set(index, created);
    this.docgenIndexLength = this.map.length;
  };
  indexedAdd.docgenIndexed = true;
  EditMap.prototype.add = indexedAdd;
  return true;
}

// micromark-extension-gfm-table's lib/edit-map.js (not in the package's exports). In the bundle
// the name below is resolved at build time to that file (../bundle.js, GFM_EDIT_MAP), so the
// bundle's one copy of the class is patched; from the sources it is found next to the package
// markdownlint resolves.
async function editMapModule() {
  try {
    return require("docgen-gfm-table-edit-map");
  } catch (err) {
    if (err.code !== "MODULE_NOT_FOUND") throw err;
  }
  const { createRequire } = require("module");
  const { pathToFileURL } = require("url");
  const fromMarkdownlint = createRequire(createRequire(__filename).resolve("markdownlint"));
  const entry = fromMarkdownlint.resolve("micromark-extension-gfm-table");
  return import(pathToFileURL(path.join(path.dirname(entry), "lib", "edit-map.js")).href);
}

// markdownlint, once load() has been awaited.
function loaded() {
  if (!ml) throw new Error("lint: call and await load() first");
  return ml;
}

module.exports = { load, loaded, CONFIG_PATH };
