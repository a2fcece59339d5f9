#!/usr/bin/env node
"use strict";
// Bundles each Node program of docgen into one self-contained JavaScript file (esbuild), for
// the wheel: an installed docgen needs Node 20+ and nothing else of ours (no node_modules).
//
//   node converter/bundle.js [OUT_DIR]      (npm run bundle; OUT_DIR: agentic_docgen/_js)
//
// writes OUT_DIR/converter.js (./index.js), OUT_DIR/lint.js (./lint/server.js), OUT_DIR/mathml.js
// (./mathml.js, the HTML export's TeX → MathML) and
// OUT_DIR/THIRD-PARTY-LICENSES.txt (the licence of every npm package bundled). hatch_build.py
// runs it when the wheel is built; the files are generated (gitignored). In a checkout docgen
// runs the sources (core/nodejs.py decides). What the programs load at run time is inlined:
// JSON files by require (the schema, markdownlint.json), every package (docx, docx/layout,
// markdownlint and its rules, temml, mathml2omml, yazl); the one module reached by a
// computed path (micromark's table EditMap, patched in lint/markdownlint.js) is named by
// GFM_EDIT_MAP and resolved here to the very file markdownlint's parser imports.

const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");
const { patchedLayout } = require("./build/fastlayout");

const ROOT = path.join(__dirname, "..");
const OUT_DIR = path.join(ROOT, "agentic_docgen", "_js");
const PROGRAMS = {
  converter: "converter/index.js",
  lint: "converter/lint/server.js",
  mathml: "converter/mathml.js", // TeX → MathML for the HTML export
};
const GFM_EDIT_MAP = "docgen-gfm-table-edit-map";
const TARGET = "node20";

// micromark-extension-gfm-table's lib/edit-map.js, as markdownlint resolves that package.
function editMapFile() {
  const fromMarkdownlint = createRequire(require.resolve("markdownlint"));
  const entry = fromMarkdownlint.resolve("micromark-extension-gfm-table");
  return path.join(path.dirname(entry), "lib", "edit-map.js");
}

const resolveEditMap = {
  name: "docgen-gfm-edit-map",
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${GFM_EDIT_MAP}$`) }, () => ({ path: editMapFile() }));
  },
};

// docx's layout estimator with the load-time patches of build/fastlayout.js, which a checkout
// applies when it loads the file (DOCGEN_BUNDLE tells fastlayout.js the bundle has them).
const patchLayout = {
  name: "docgen-fast-layout",
  setup(build) {
    const file = require.resolve("docx/layout");
    build.onLoad({ filter: /[\\/]docx[\\/]dist[\\/]layout\.cjs$/ }, (args) => {
      if (path.resolve(args.path) !== file) return undefined;
      return { contents: patchedLayout(fs.readFileSync(file, "utf8")).source, loader: "js" };
    });
  },
};

// The npm packages (name@version, licence, notice text) a bundle holds, from esbuild's metafile.
function packagesOf(metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf("node_modules/");
    if (at < 0) continue;
    const rest = input.slice(at + "node_modules/".length).split("/");
    const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    const dir = path.join(ROOT, input.slice(0, at), "node_modules", name);
    if (found.has(dir)) continue;
    const meta = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const notice = fs.readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
    found.set(dir, {
      id: `${meta.name}@${meta.version}`,
      license: meta.license || "see notice",
      text: notice ? fs.readFileSync(path.join(dir, notice), "utf8").trim() : "",
    });
  }
  return [...found.values()];
}

function licenceText(packages) {
  const unique = new Map(packages.map((p) => [p.id, p]));
  const ids = [...unique.keys()].sort();
  const parts = ["The bundled Node programs of agentic-docgen (converter.js, lint.js, mathml.js) contain these npm packages:", ""];
  for (const id of ids) parts.push(`- ${id} (${unique.get(id).license})`);
  for (const id of ids) {
    const { text } = unique.get(id);
    if (text) parts.push("", "=".repeat(72), id, "=".repeat(72), text);
  }
  return parts.join("\n") + "\n";
}

// Writes the bundles into outDir; returns the files written.
async function bundle(outDir = OUT_DIR) {
  const esbuild = require("esbuild");
  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  const packages = [];
  for (const [name, entry] of Object.entries(PROGRAMS)) {
    const outfile = path.join(outDir, `${name}.js`);
    const result = await esbuild.build({
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      absWorkingDir: ROOT,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: TARGET,
      plugins: [resolveEditMap, patchLayout],
      define: { DOCGEN_BUNDLE: "true" },
      metafile: true,
      legalComments: "none", // the licences are in THIRD-PARTY-LICENSES.txt, whole
      banner: { js: `// agentic-docgen ${name} (${entry}), bundled by converter/bundle.js: do not edit.` },
      logLevel: "warning",
    });
    if (result.warnings.length) throw new Error(`${entry}: esbuild warnings (see above); a bundle must need no file beside it`);
    const editMaps = Object.keys(result.metafile.inputs).filter((f) => f.endsWith("/edit-map.js"));
    if (name === "lint" && (editMaps.length !== 1 || path.resolve(ROOT, editMaps[0]) !== editMapFile())) {
      // the patch must reach the class micromark's table parser uses: one copy, that file
      throw new Error(`${entry}: expected one edit-map.js, ${editMapFile()}; the bundle holds ${editMaps.join(", ") || "none"}`);
    }
    packages.push(...packagesOf(result.metafile));
    written.push(outfile);
  }
  const notices = path.join(outDir, "THIRD-PARTY-LICENSES.txt");
  fs.writeFileSync(notices, licenceText(packages));
  written.push(notices);
  return written;
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : OUT_DIR;
  bundle(outDir).then(
    (files) => {
      for (const f of files) process.stdout.write(`wrote ${path.relative(process.cwd(), f)} (${fs.statSync(f).size} bytes)\n`);
    },
    (err) => {
      process.stderr.write(`bundle: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { bundle, PROGRAMS, GFM_EDIT_MAP };
