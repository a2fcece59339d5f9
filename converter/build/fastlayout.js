"use strict";
// docx's page-number estimator (docx/layout), loaded with load-time patches (issue 21).
//
// The estimator was 75% of the converter's CPU on the example folder (1.5 of 2.0 s; docx-js's
// own build and write 0.45 s). Its profile: a quarter in `_objectSpread2`, the object-spread
// helper its build (oxc) writes for `{...a, b}`, which copies each key through
// `ownKeys(...).forEach` → `_defineProperty` → `toPropertyKey` → `toPrimitive`, one shared
// function meeting every object shape; 13% in `measuresOf`, which builds a font's widths
// anew (two spreads, the East Asian font tables searched by lower-cased alias, a string
// concatenation of two width tables as a Map key) for every word, though its result depends
// only on the font's name, bold and italic; 5% in `withoutUndefined`
// (`Object.fromEntries(Object.entries(o).filter(…))`). The patches:
//   - objectSpread: one copy of the helper per call site (see spreadHelper);
//   - measuresOf, eastAsianFontOf, knownEastAsianFontOf: pure functions of a font name (and
//     bold, italic), answered from a Map after their first call (callers only read the result);
//   - withoutUndefined: the same object by a loop.
// Warm, the example's conversion went from 1.03-1.42 s to 0.71-0.92 s of CPU; in a fresh
// process from 2.69 to 1.99 s (docs/performance.md).
// Each patch replaces an exact text of docx 9.15's dist/layout.cjs; a text not found (another
// docx version) leaves that part as docx wrote it, so the estimate is never different, only
// slower (`patchedLayout(source).skipped` names it; a Node test fails then, and compares the
// whole layout of patched and unpatched estimators on generated documents).
//
// In a checkout, `layout()` compiles the patched source into require's cache under the file's
// own name before requiring "docx/layout"; the bundle (../bundle.js) applies the same
// `patchedLayout` to the file when esbuild loads it (DOCGEN_BUNDLE is defined there).

const fs = require("fs");
const Module = require("module");
const path = require("path");

const OBJECT_SPREAD = `function _objectSpread2(e) {
	for (var r = 1; r < arguments.length; r++) {
		var t = null != arguments[r] ? arguments[r] : {};
		r % 2 ? ownKeys(Object(t), !0).forEach(function(r) {
			_defineProperty(e, r, t[r]);
		}) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function(r) {
			Object.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
		});
	}
	return e;
}`;

// One copy of the helper per call site, each with V8's inline caches of its own (the one
// shared helper met every object shape of the estimator). A call whose first argument is `{}`
// starts with native spread (`{ ...t }`: V8 clones the object's shape); the rest is copied
// into the object by a loop. Why this is the same copy: every call's first argument is a new
// object (an object literal or another call; checked on the source), so no caller holds the
// object filled; an argument at an even place, whose property descriptors the original copies,
// is copied key by key when it is a plain object (the file writes no getter, setter or
// `__proto__` in a literal and defines properties only on class instances, checked on the
// source), else as before; `__proto__` and symbols are defined as the original defines them.
const spreadHelper = (k, fromEmpty) => `function _objectSpread2$${k}(e) {
	for (var r = 1; r < arguments.length; r++) {
		var t = null != arguments[r] ? arguments[r] : {};
		${fromEmpty ? "if (r === 1) e = { ...t };\n\t\telse " : ""}if (r % 2 || Object.getPrototypeOf(t) === Object.prototype) _objectSpreadInto(e, t);
		else Object.defineProperties(e, Object.getOwnPropertyDescriptors(t));
	}
	return e;
}`;

const SPREAD_INTO = `function _objectSpreadInto(e, t) {
	var o = Object(t), k = Object.keys(o);
	for (var i = 0; i < k.length; i++) {
		if (k[i] === "__proto__") _defineProperty(e, k[i], o[k[i]]);
		else e[k[i]] = o[k[i]];
	}
	var s = Object.getOwnPropertySymbols(o);
	for (var j = 0; j < s.length; j++) if (Object.getOwnPropertyDescriptor(o, s[j]).enumerable) _defineProperty(e, s[j], o[s[j]]);
}`;

// The source checks the copy above relies on.
const NO_ACCESSOR = /(^|[{,]\s*)(get|set)\s+[A-Za-z_$][\w$]*\s*\(|__proto__|Object\.defineProperties|Object\.create\(/m;

function spreadPerSite(source) {
  const at = source.indexOf(OBJECT_SPREAD);
  if (at < 0 || source.indexOf(OBJECT_SPREAD, at + 1) >= 0) return null;
  const rest = source.slice(0, at) + "/* _objectSpread2: one per call site, at the end */" + source.slice(at + OBJECT_SPREAD.length);
  if (NO_ACCESSOR.test(rest)) return null;
  const calls = rest.split("_objectSpread2(");
  // every call's first argument is a new object: a literal, or another call ("" here)
  if (!calls.slice(1).every((tail) => tail === "" || tail.startsWith("{"))) return null;
  let out = calls[0];
  const helpers = [SPREAD_INTO];
  for (let k = 1; k < calls.length; k++) {
    out += `_objectSpread2$${k}(` + calls[k];
    helpers.push(spreadHelper(k, calls[k].startsWith("{}, ")));
  }
  return `${out}\n${helpers.join("\n")}\n`;
}

const WITHOUT_UNDEFINED =
  "var withoutUndefined = (object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== void 0));";

const FAST_WITHOUT_UNDEFINED = `var withoutUndefined = (object) => {
	const out = {};
	for (const key of Object.keys(object)) {
		const value = object[key];
		if (value === void 0) continue;
		if (key === "__proto__") _defineProperty(out, key, value);
		else out[key] = value;
	}
	return out;
};`;

// `var NAME = (font) => {` becomes a Map in front of the original, renamed NAME$uncached.
// keyOf: the cache key of the argument, or undefined to call the original uncached.
function memo(name, keyOf) {
  return `var ${name}$cache = new Map();
var ${name}$key = ${keyOf};
var ${name} = (font) => {
	const key = ${name}$key(font);
	if (key === void 0) return ${name}$uncached(font);
	if (${name}$cache.has(key)) return ${name}$cache.get(key);
	const value = ${name}$uncached(font);
	${name}$cache.set(key, value);
	return value;
};
var ${name}$uncached = (font) => {`;
}

const BY_NAME = '(font) => typeof font === "string" ? font : void 0';
// measuresOf reads font.font, font.bold and font.italic only
const BY_FACE = `(font) => {
		if (font === null || typeof font !== "object") return void 0;
		const { font: name, bold, italic } = font;
		const flag = (v) => v === void 0 ? "u" : typeof v === "boolean" ? String(v) : null;
		const b = flag(bold), i = flag(italic);
		if (b === null || i === null || (name !== void 0 && typeof name !== "string")) return void 0;
		return (name === void 0 ? "" : "=" + name) + "\\u0001" + b + "\\u0001" + i;
	}`;

// Each patch: the source with it, or null where the text it replaces is not found once.
function replaceOnce(from, to) {
  return (source) => {
    const at = source.indexOf(from);
    if (at < 0 || source.indexOf(from, at + 1) >= 0) return null;
    return source.slice(0, at) + to + source.slice(at + from.length);
  };
}

const PATCHES = [
  { name: "objectSpread", patch: spreadPerSite }, // first: its checks read docx's own text
  { name: "withoutUndefined", patch: replaceOnce(WITHOUT_UNDEFINED, FAST_WITHOUT_UNDEFINED) },
  ...["knownEastAsianFontOf", "eastAsianFontOf", "measuresOf"].map((name) => ({
    name,
    patch: replaceOnce(`var ${name} = (font) => {`, memo(name, name === "measuresOf" ? BY_FACE : BY_NAME)),
  })),
];

// The patched source of dist/layout.cjs: { source, applied: [names], skipped: [names] }.
function patchedLayout(source) {
  const applied = [];
  const skipped = [];
  for (const { name, patch } of PATCHES) {
    const next = patch(source);
    if (next === null) {
      skipped.push(name);
    } else {
      source = next;
      applied.push(name);
    }
  }
  return { source, applied, skipped };
}

let loaded = null;

// docx/layout's exports, patched.
function layout() {
  if (loaded) return loaded;
  if (typeof DOCGEN_BUNDLE === "undefined") preload(); // eslint-disable-line no-undef
  loaded = require("docx/layout");
  return loaded;
}

// Puts the patched module into require's cache under the file's name (once per process).
function preload() {
  const file = require.resolve(["docx", "layout"].join("/")); // (not a path esbuild follows)
  if (require.cache[file]) return;
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(patchedLayout(fs.readFileSync(file, "utf8")).source, file);
  m.loaded = true;
  require.cache[file] = m;
}

module.exports = { layout, patchedLayout, PATCHES };
