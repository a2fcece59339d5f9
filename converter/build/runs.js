"use strict";
// Inline content (docs/json-contract.md, "Runs") -> docx-js paragraph children: text runs
// (bold, italic, strike, underline, superscript/subscript, inline code, colour), hyperlinks
// (external, or to a heading's bookmark), hard line breaks, pictures and the named
// placeholders of missing ones.
// Footnote references are ./footnotes.js's; renderRuns reaches them through the builder
// (builder.footnote, see ./document.js). All styling comes from the theme (builder.t).

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { ExternalHyperlink, ImageRun, InternalHyperlink, Tab, TextRun } = require("docx");
const { cleanText } = require("../text");
const { shading } = require("./styles");
const { equation, sourceText } = require("./math");
const { runLanguage } = require("./language");

const TWIPS_PER_PX = 15; // 1440 twips per inch / 96 px per inch

// Inline text: a newline inside a run is a soft break, shown as a space (hard breaks
// are {"break": true} runs).
function cleanInline(s) {
  return cleanText(s).replace(/\r\n|\r|\n/g, " ");
}

// The children of a TextRun for a piece of text: tabs become real <w:tab/> elements
// (docx-js writes a "\t" inside text as a literal character in <w:t>, which Word does not
// treat as a tab stop), everything else stays text, written with xml:space="preserve".
function textChildren(text) {
  if (!text.includes("\t")) return [text];
  const out = [];
  text.split("\t").forEach((part, i) => {
    if (i > 0) out.push(new Tab());
    if (part) out.push(part);
  });
  return out;
}

// Word bookmark names must start with a letter and be at most 40 characters, or Word
// ignores links to them. Ids that already fit are kept unchanged; any other id gets a
// deterministic name (sanitised prefix + hash), and internal links use the same mapping.
function bookmarkName(id) {
  if (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(id)) return id;
  const hash = crypto.createHash("sha1").update(id).digest("hex").slice(0, 8);
  let base = id.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z]/.test(base)) base = "h" + base;
  return `${base.slice(0, 31)}_${hash}`;
}

// Word refuses a document whose hyperlink targets are not valid URIs: percent-encode
// spaces, non-ASCII and other characters that cannot appear in a URI.
function safeUrl(url) {
  return url
    .replace(/%(?![0-9A-Fa-f]{2})/g, "%25")
    .replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

// ---------------------------------------------------------------------------------------
// Text runs

function textRun(builder, run, extra = {}) {
  const t = builder.t;
  const opts = { children: textChildren(cleanInline(run.text)), ...extra };
  if (run.bold) opts.bold = true;
  if (run.italic) opts.italics = true;
  if (run.strike) opts.strike = true;
  if (run.underline) opts.underline = {};
  if (run.superscript) opts.superScript = true;
  else if (run.subscript) opts.subScript = true;
  if (run.code) {
    opts.font = t.inlineCode.font;
    opts.size = t.inlineCode.size;
    if (typeof run.link !== "string") opts.color = t.inlineCode.color;
    opts.shading = shading(t.inlineCode.shading);
    opts.style = "VerbatimChar";
  }
  if (builder.lang) Object.assign(opts, runLanguage(t, builder.lang, opts.font));
  if (run.color) opts.color = run.color.toUpperCase();
  if (typeof run.link === "string") opts.style = "Hyperlink";
  return new TextRun(opts);
}

function placeholderRun(builder, ref, alt, extra = {}) {
  const p = builder.t.placeholder;
  const label = `[${(builder.labels && builder.labels.missing_image) || "Missing image"}: ${cleanInline(ref)}${alt ? ` \u2014 ${cleanInline(alt)}` : ""}]`;
  return new TextRun({ text: label, italics: p.italic, color: p.color, ...extra });
}

// ---------------------------------------------------------------------------------------
// Images

const EXT_TYPES = { png: "png", jpg: "jpg", jpeg: "jpg", gif: "gif", bmp: "bmp" };

function sniffImageType(buf) {
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return "png";
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpg";
  if (buf.length >= 6 && buf.toString("latin1", 0, 4) === "GIF8") return "gif";
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return "bmp";
  return null;
}

// Scales (width, height) in pixels to fit maxWidth x maxHeight, keeping the aspect ratio;
// never upscales.
function fitImage(width, height, maxWidth, maxHeight) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.max(1, Math.min(maxWidth, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxHeight, Math.round(height * scale))),
  };
}

function readImage(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

function imageRun(builder, img, ctx, extra) {
  const file = path.resolve(builder.baseDir, img.path);
  const name = path.basename(file);
  const alt = img.alt || "";
  const ext = path.extname(file).slice(1).toLowerCase();
  let media;
  if (ext === "svg") {
    // SVG needs a raster fallback for Word versions and viewers without SVG support.
    if (!img.fallback) return placeholderRun(builder, name, alt, extra);
    const data = readImage(file);
    const fallback = readImage(path.resolve(builder.baseDir, img.fallback));
    const fallbackType = fallback && sniffImageType(fallback);
    if (!data || !fallbackType) return placeholderRun(builder, name, alt, extra);
    media = { type: "svg", data, fallback: { type: fallbackType, data: fallback } };
  } else {
    if (!EXT_TYPES[ext]) return placeholderRun(builder, name, alt, extra);
    const data = readImage(file);
    const type = data && sniffImageType(data);
    if (!type) return placeholderRun(builder, name, alt, extra);
    media = { type, data };
  }
  const maxWidth = Math.max(1, Math.floor(ctx.width / TWIPS_PER_PX));
  // An HTML <img width=…> asks for a display width: honour it (within the text width).
  const wanted = img.display_width ? Math.min(img.display_width, maxWidth) : null;
  // docx-js sizes pictures in pixels at 96 dpi; the theme's dpi scales the natural size.
  const natural = 96 / builder.t.image.dpi;
  const size = wanted
    ? fitImage(wanted, Math.max(1, Math.round((img.height * wanted) / img.width)), maxWidth,
      builder.t.image.maxHeightPx)
    : fitImage(Math.max(1, Math.round(img.width * natural)), Math.max(1, Math.round(img.height * natural)), maxWidth,
      builder.t.image.maxHeightPx);
  return new ImageRun({
    ...media,
    transformation: size,
    altText: { name: cleanInline(name), description: cleanInline(alt), title: cleanInline(alt) },
  });
}

// ---------------------------------------------------------------------------------------
// Runs

// Runs -> paragraph children. Consecutive text runs with the same link share one
// hyperlink element.
function renderRuns(builder, runs, ctx, extra = {}) {
  const out = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if ("break" in run) out.push(new TextRun({ break: 1 }));
    else if ("image" in run) out.push(imageRun(builder, run.image, ctx, extra));
    else if ("missing_image" in run) {
      out.push(placeholderRun(builder, run.missing_image.ref, run.missing_image.alt, extra));
    } else if ("footnote" in run) {
      out.push(builder.footnote(run.footnote, ctx, extra));
    } else if ("math" in run) {
      out.push(equation(builder, run, false) || textRun(builder, { text: sourceText(run), code: true }, extra));
    } else if (typeof run.link === "string" && run.link !== "#") {
      // An empty destination (`[link]()`) stays a link, to "" (as pandoc writes it; Word
      // and LibreOffice open it and show the text as a link that goes nowhere).
      // A "#" alone is an anchor to nothing: plain text.
      let j = i;
      const group = [];
      while (j < runs.length && "text" in runs[j] && runs[j].link === run.link) group.push(runs[j++]);
      i = j - 1;
      const children = group.map((r) => textRun(builder, r, extra));
      out.push(
        run.link.startsWith("#")
          ? new InternalHyperlink({ anchor: bookmarkName(run.link.slice(1)), children })
          : new ExternalHyperlink({ link: safeUrl(run.link), children }),
      );
    } else {
      out.push(textRun(builder, { ...run, link: undefined }, extra));
    }
  }
  return out;
}

module.exports = {
  cleanInline,
  textChildren,
  bookmarkName,
  safeUrl,
  textRun,
  fitImage,
  renderRuns,
};
