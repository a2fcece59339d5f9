"use strict";
// The document's language (meta.lang, meta.labels) and the language of a chapter in another
// one (a block's `lang`).
//
// - The labels (Contents, Figure, Page X of Y, the placeholder of a missing picture) come
//   from meta.labels, which Python takes from its message catalogue
//   (agentic_docgen/core/messages.json); the theme's toc.title and caption.figureLabel,
//   when a --style file sets them, win over them.
// - The document's language is the default of its styles (w:docDefaults w:lang).
// - A top-level block with `lang` (a chapter the Python side found in another language)
//   has its text runs tagged with w:lang; for Chinese, Japanese and Korean also w:eastAsia
//   and the East Asian font of the theme (eastAsianFonts) with hint="eastAsia", so Word
//   proofs and shapes the text as that language. Done per run rather than by style
//   variants: the runs are made in one place (./runs.js textRun), the styles are many.

const { mergeTheme } = require("../theme");

const DEFAULT_LABELS = { contents: "Contents", figure: "Figure", page: "Page {page} of {pages}", missing_image: "Missing image" };
const DEFAULT_WORD_TAGS = { en: "en-US", de: "de-DE", fr: "fr-FR", es: "es-ES", it: "it-IT", pt: "pt-PT", nl: "nl-NL", pl: "pl-PL", ja: "ja-JP", zh: "zh-CN", ko: "ko-KR" };
const EAST_ASIAN = new Set(["ja", "zh", "ko"]);

function primary(tag) {
  return String(tag || "en").split(/[-_]/)[0].toLowerCase();
}

// A bare code as Word writes it (de -> de-DE); a tag with a region is kept.
function wordTag(tag) {
  if (!tag) return "en-US";
  if (tag.includes("-")) return tag;
  return DEFAULT_WORD_TAGS[primary(tag)] || tag;
}

function labelsOf(meta) {
  return { ...DEFAULT_LABELS, ...(meta.labels || {}) };
}

// The theme: the default, the labels of the document's language, then the --style overrides.
function themeOf(defaultTheme, meta) {
  const labels = labelsOf(meta);
  const withLabels = mergeTheme(defaultTheme, { toc: { title: labels.contents }, caption: { figureLabel: labels.figure } });
  return mergeTheme(withLabels, meta.theme);
}

// The East Asian font of a language (zh-TW, zh-HK and zh-Hant: the traditional one).
function eastAsianFont(t, tag) {
  const code = primary(tag);
  if (!EAST_ASIAN.has(code)) return null;
  const fonts = t.eastAsianFonts;
  if (code === "zh" && /-(TW|HK|MO|Hant)\b/i.test(tag)) return fonts.zhHant;
  return fonts[code];
}

// The run properties of text in language `tag` (docx-js TextRun options): w:lang, and for
// CJK the East Asian language and font. `font` is the run's own font, when it has one.
function runLanguage(t, tag, font) {
  const value = wordTag(tag);
  const ea = eastAsianFont(t, tag);
  if (!ea) return { language: { value } };
  const own = typeof font === "string" ? { ascii: font, hAnsi: font, cs: font } : {};
  return { language: { value, eastAsia: value }, font: { ...own, eastAsia: ea, hint: "eastAsia" } };
}

// The document defaults' run properties: the language (w:val, w:eastAsia, w:bidi) and, for a
// CJK document, its East Asian font.
function defaultRunLanguage(t, tag) {
  const value = wordTag(tag);
  const ea = eastAsianFont(t, tag);
  const out = { language: { value, eastAsia: value, bidirectional: "ar-SA" } };
  if (ea) out.eastAsiaFont = ea;
  return out;
}

// "Page {page} of {pages}" -> the children of the footer's run: texts and the two fields.
function pageChildren(template, PageNumber) {
  const out = [];
  for (const part of template.split(/(\{pages?\})/)) {
    if (part === "{page}") out.push(PageNumber.CURRENT);
    else if (part === "{pages}") out.push(PageNumber.TOTAL_PAGES);
    else if (part) out.push(part);
  }
  return out;
}

module.exports = { labelsOf, themeOf, runLanguage, defaultRunLanguage, pageChildren, wordTag, EAST_ASIAN };
