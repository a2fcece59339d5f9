"use strict";
// converter/lint/: markdownlint with docgen's config, the JSON-lines server and the one-shot CLI.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { spawn, spawnSync } = require("child_process");
const lint = require("../../lint/server");

const LINT_JS = path.join(__dirname, "..", "..", "lint", "server.js");
const FIX = __dirname;
const fixture = (name) => fs.readFileSync(path.join(FIX, name), "utf8");
const rules = (findings) => findings.map((f) => `${f.rule}@${f.line}`);

test.before(() => lint.load());

// A long-lived server with a line reader; request() sends one line and waits for one line.
function startServer() {
  const child = spawn(process.execPath, [LINT_JS, "--server"], { stdio: ["pipe", "pipe", "pipe"] });
  const lines = [];
  const waiters = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    const w = waiters.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const nextLine = () => (lines.length ? Promise.resolve(lines.shift()) : new Promise((resolve) => waiters.push(resolve)));
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    send: (obj) => child.stdin.write((typeof obj === "string" ? obj : JSON.stringify(obj)) + "\n"),
    async request(obj) {
      this.send(obj);
      return JSON.parse(await nextLine());
    },
    nextLine,
  };
}

// A generated document of about `bytes` bytes: H1 chapters with agent prose, lists, a table,
// a log excerpt and code in fences (what docgen produces from a folder of notes and logs).
function generatedDocument(bytes) {
  const prose = (n) =>
    Array.from(
      { length: n },
      (_, i) => `Paragraph ${i} explains the *design* of the module, links to [the docs](https://example.com/docs/${i}) and mentions \`config.yaml\` and **important** details.`
    ).join("\n\n");
  const log = (n) =>
    Array.from(
      { length: n },
      (_, i) => `2024-03-0${(i % 9) + 1} 12:${String(i % 60).padStart(2, "0")}:00,${String(i % 1000).padStart(3, "0")} INFO  [worker-${i % 8}] com.example.Stage - processed batch id=${i} rows=${i * 7}`
    ).join("\n");
  const table = (r) => "| Name | Value | Notes |\n|------|-------|-------|\n" + Array.from({ length: r }, (_, i) => `| key${i} | ${i * 3} | note ${i} |`).join("\n");
  const list = (n) => Array.from({ length: n }, (_, i) => `- item ${i} with some text\n  - nested detail ${i}`).join("\n");
  const parts = [];
  let size = 0;
  for (let ch = 1; size < bytes; ch++) {
    const chapter =
      `# Chapter ${ch}: notes-${ch}.md\n\n<!-- docgen:source notes-${ch}.md -->\n\n## Summary\n\n${prose(4)}\n\n## Details\n\n${list(6)}\n\n` +
      `${table(8)}\n\n### Log excerpt\n\n\`\`\`text\n${log(120)}\n\`\`\`\n\n\`\`\`python\ndef handler(event):\n    return len(event)\n\`\`\`\n\n${prose(3)}\n\n`;
    parts.push(chapter);
    size += chapter.length;
  }
  return parts.join("");
}

// ---------------------------------------------------------------------------------------------
// Config

test("config: structural rules on, style rules that verbatim sources trip off, _comment ignored", () => {
  const cfg = JSON.parse(fs.readFileSync(lint.CONFIG_PATH, "utf8"));
  assert.equal(cfg.default, false);
  assert.ok(Array.isArray(cfg._comment) && cfg._comment.length > 0);
  const on = ["MD001", "MD011", "MD018", "MD019", "MD020", "MD021", "MD022", "MD023", "MD031", "MD032", "MD037", "MD038", "MD039", "MD042", "MD045", "MD047", "MD052", "MD053", "MD055", "MD056", "MD058"];
  const off = ["MD003", "MD004", "MD005", "MD007", "MD009", "MD010", "MD012", "MD013", "MD024", "MD025", "MD026", "MD029", "MD030", "MD033", "MD034", "MD036", "MD040", "MD041", "MD046", "MD048", "MD049", "MD050", "MD051"];
  for (const r of on) assert.ok(cfg[r], `${r} should be on`);
  for (const r of off) assert.equal(cfg[r], false, `${r} should be off`);
  assert.equal(cfg.MD045, "warning");
  // Several H1s, long lines, trailing spaces, inline HTML, bare URL, fences without language,
  // mixed list markers, heading punctuation, indented code: nothing to report.
  assert.deepEqual(lint.lintText(fixture("clean.md")), []);
});

// ---------------------------------------------------------------------------------------------
// lint

test("lint: MD001 at the document line, shifted by first_line", () => {
  const text = fixture("heading-skip.md");
  assert.deepEqual(rules(lint.lintText(text)), ["MD001@5"]);
  const [f] = lint.lintText(text, 120);
  assert.equal(f.line, 124);
  assert.equal(f.rule, "MD001");
  assert.equal(f.alias, "heading-increment");
  assert.equal(f.detail, "Expected: h2; Actual: h3");
  assert.match(f.description, /Heading levels/);
  assert.equal(f.fixable, false);
});

test("lint: MD056 on a ragged table", () => {
  const findings = lint.lintText(fixture("ragged-table.md"));
  assert.deepEqual(rules(findings), ["MD056@6", "MD056@7"]);
  assert.match(findings[0].detail, /Expected: 3; Actual: 2; Too few cells/);
  assert.match(findings[1].detail, /Expected: 3; Actual: 4; Too many cells/);
});

test("lint: MD031 for a fence without blank lines around it; findings sorted by line then rule", () => {
  const findings = lint.lintText(fixture("fence-no-blank.md"));
  assert.deepEqual(rules(findings), ["MD031@4", "MD031@6"]);
  assert.ok(findings.every((f) => f.fixable && f.alias === "blanks-around-fences"));
  const mixed = lint.lintText("# A\n### B\ntext\n");
  assert.deepEqual(rules(mixed), ["MD022@1", "MD001@2", "MD022@2", "MD022@2"]);
});

test("lint: MD055 judges each table by its own first row, not the document's first table", () => {
  const text = "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\na | b\n--|--\n1 | 2\n\n| x | y |\n|---|---|\n| 1 | 2\n";
  assert.deepEqual(rules(lint.lintText(text)), ["MD055@13"]);
  assert.match(lint.lintText(text)[0].detail, /Expected: leading_and_trailing; Actual: leading_only; Missing trailing pipe/);
});

test("lint: inline markdownlint-disable comments from sources are ignored", () => {
  const text = "# A\n\n<!-- markdownlint-disable -->\n\n### C\n";
  assert.deepEqual(rules(lint.lintText(text)), ["MD001@5"]);
});

// ---------------------------------------------------------------------------------------------
// fix

test("fix: inserts the blank lines for MD022 and MD031, never changes fenced code", () => {
  const r = lint.fixText(fixture("blank-lines.md"), []);
  assert.equal(r.text, fixture("blank-lines.fixed.md"));
  assert.deepEqual(r.skipped, []);
  assert.deepEqual(r.remaining, []);
  assert.deepEqual(rules(r.applied), ["MD022@1", "MD022@3", "MD022@3", "MD031@5", "MD031@8"]);
  assert.ok(r.applied.every((a) => a.action === "insert-blank-line"));
  assert.match(r.applied.find((a) => a.rule === "MD031").note, /next to the code block lines 5-8/);
  assert.ok(r.text.includes("```sh\n#not a heading, just a comment\nx=1\n```\n"));
});

test("fix: a protected range stays unchanged; its findings are skipped; blank lines at its edge are allowed", () => {
  const text = fixture("protected.md");
  const r = lint.fixText(text, [[5, 11]]);
  assert.equal(r.text, fixture("protected.fixed.md"));
  const lines = text.split("\n");
  assert.ok(r.text.includes(lines.slice(4, 11).join("\n")), "protected lines 5-11 unchanged and together");
  assert.deepEqual(rules(r.skipped), ["MD018@6", "MD022@7", "MD022@7", "MD031@9"]);
  assert.match(r.skipped[0].reason, /inside the protected range lines 5-11/);
  assert.deepEqual(rules(r.applied), ["MD031@11", "MD022@12", "MD022@12"]);
  assert.ok(r.applied.some((a) => /next to the protected range lines 5-11/.test(a.note)));
  // The skipped findings are still there afterwards.
  assert.deepEqual(rules(r.remaining).filter((x) => x.startsWith("MD018")), ["MD018@6"]);

  // Everything protected: nothing changes at all.
  const all = lint.fixText(text, [[1, 13]]);
  assert.equal(all.text, text);
  assert.deepEqual(all.applied, []);
  assert.equal(all.skipped.length, 7);
});

test("fix: a heading made by an MD018 fix gets its blank lines in a later pass", () => {
  const r = lint.fixText("# A\n\ntext\n#B\nmore\n", []);
  assert.equal(r.text, "# A\n\ntext\n\n# B\n\nmore\n");
  assert.deepEqual(r.remaining, []);
});

test("fix: line deletions (MD053) only with delete_lines; CRLF and front matter are kept", () => {
  const defs = "# A\n\n[unused]: https://example.com\n\ntext\n";
  const kept = lint.fixText(defs, []);
  assert.equal(kept.text, defs);
  assert.deepEqual(rules(kept.skipped), ["MD053@3"]);
  assert.match(kept.skipped[0].reason, /delete_lines/);
  assert.equal(lint.fixText(defs, [], { deleteLines: true }).text, "# A\n\n\ntext\n");

  assert.equal(lint.fixText("# A\r\ntext\r\n", []).text, "# A\r\n\r\ntext\r\n");
  const fm = "---\ntitle: x\n---\n# A\n\ntext\n```\n#code\n```\n";
  assert.equal(lint.fixText(fm, [[8, 8]]).text, "---\ntitle: x\n---\n# A\n\ntext\n\n```\n#code\n```\n");
});

test("fix: bad protected ranges are request errors", () => {
  assert.throws(() => lint.fixText("a\n", [[0, 1]]), /bad protected range/);
  assert.throws(() => lint.fixText("a\n", [[3, 2]]), /bad protected range/);
  assert.throws(() => lint.fixText("a\n", [[5, 6]]), /after the end of the text/);
  assert.throws(() => lint.fixText("a\n", "1-2"), /must be an array/);
});

// ---------------------------------------------------------------------------------------------
// Server

test("server: answers request by request, survives malformed lines, exits 0 on EOF", async () => {
  const s = startServer();
  // One request, one answer, before anything else is sent: answers are flushed line by line.
  const first = await s.request({ id: 1, op: "lint", text: fixture("heading-skip.md"), first_line: 120 });
  assert.equal(first.id, 1);
  assert.deepEqual(rules(first.findings), ["MD001@124"]);
  assert.equal(first.findings[0].alias, "heading-increment");

  const bad = await s.request("this is not json");
  assert.equal(bad.id, null);
  assert.match(bad.error, /invalid JSON/);
  assert.match((await s.request("[1, 2]")).error, /JSON object/);
  assert.deepEqual(await s.request({ id: "x", op: "nope" }), { id: "x", error: 'unknown op "nope" (expected "lint", "fix" or "version")' });
  assert.match((await s.request({ id: 4, op: "lint" })).error, /"text" must be a string/);
  assert.equal((await s.request({ id: 4, op: "lint" })).id, 4);
  assert.match((await s.request({ id: 5, op: "lint", text: "x", first_line: 0 })).error, /first_line/);
  assert.match((await s.request({ id: 6, op: "fix", text: "a\n", protected: [[0, 1]] })).error, /bad protected range/);

  const fixed = await s.request({ id: 7, op: "fix", text: fixture("protected.md"), protected: [[5, 11]] });
  assert.equal(fixed.id, 7);
  assert.equal(fixed.text, fixture("protected.fixed.md"));
  assert.deepEqual(rules(fixed.skipped), ["MD018@6", "MD022@7", "MD022@7", "MD031@9"]);

  const version = await s.request({ id: 8, op: "version" });
  assert.equal(version.markdownlint, "0.40.0");
  assert.equal(version.table_patch, true);

  // Several requests written at once come back in order; a blank line is no request.
  s.send({ id: 9, op: "lint", text: fixture("ragged-table.md") });
  s.send("");
  s.send({ id: 10, op: "lint", text: fixture("fence-no-blank.md"), first_line: 10 });
  s.child.stdin.end();
  const a = JSON.parse(await s.nextLine());
  const b = JSON.parse(await s.nextLine());
  assert.deepEqual([a.id, rules(a.findings)], [9, ["MD056@6", "MD056@7"]]);
  assert.deepEqual([b.id, rules(b.findings)], [10, ["MD031@13", "MD031@15"]]);
  assert.equal(await s.exited, 0);
  assert.equal(s.stderr(), "");
});

test("performance: a 2 MB generated document in one lint request", async (t) => {
  const text = generatedDocument(2 * 1024 * 1024);
  assert.ok(text.length >= 2 * 1024 * 1024);
  const s = startServer();
  await s.request({ id: 0, op: "version" }); // startup is not part of the measurement
  const t0 = process.hrtime.bigint();
  const r = await s.request({ id: 1, op: "lint", text, first_line: 1 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  s.child.stdin.end();
  assert.equal(await s.exited, 0);
  assert.deepEqual(r.findings, []);
  t.diagnostic(`lint of ${(text.length / 1048576).toFixed(2)} MB (${text.split("\n").length} lines): ${ms.toFixed(0)} ms (target < 3000 ms)`);
  assert.ok(ms < 10000, `linting 2 MB took ${ms} ms`);
});

test("performance: many small tables parse in linear time (patched GFM table EditMap)", (t) => {
  const unit = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n\n";
  const text = "# Tables\n\n" + unit.repeat(Math.ceil((128 * 1024) / unit.length));
  const t0 = process.hrtime.bigint();
  assert.deepEqual(lint.lintText(text), []);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  t.diagnostic(`lint of 128 KB of small tables: ${ms.toFixed(0)} ms (about 25 s here without the patch)`);
  assert.ok(ms < 10000, `128 KB of tables took ${ms} ms`);
});

// ---------------------------------------------------------------------------------------------
// One-shot command line

test("cli: FILE.md prints the findings as JSON, exit 1 with findings, 0 without, 2 on errors", () => {
  const run = (...args) => spawnSync(process.execPath, [LINT_JS, ...args], { encoding: "utf8" });
  const withFindings = run(path.join(FIX, "ragged-table.md"));
  assert.equal(withFindings.status, 1, withFindings.stderr);
  assert.deepEqual(rules(JSON.parse(withFindings.stdout)), ["MD056@6", "MD056@7"]);
  const clean = run(path.join(FIX, "clean.md"));
  assert.equal(clean.status, 0, clean.stderr);
  assert.deepEqual(JSON.parse(clean.stdout), []);
  const missing = run(path.join(FIX, "no-such-file.md"));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read/);
  assert.equal(run().status, 2);
});
