"use strict";
// Text cleaning shared by the document builder (./build/) and the package writer
// (./write/package.js).

// Characters XML 1.0 cannot hold become their visible Unicode control picture
// (U+2400 + code point, e.g. form feed -> "␌"); noncharacters and lone surrogates
// become U+FFFD. docx-js would otherwise drop them silently or write invalid XML.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

// DEL is legal XML but invisible: shown as ␡ (U+2421), as the parser (mdjson.visible) does.
function cleanText(s) {
  return String(s)
    .replace(XML_ILLEGAL, (c) => (c === "\u007F" ? "\u2421" : String.fromCharCode(0x2400 + c.charCodeAt(0))))
    .replace(LONE_SURROGATE, "\uFFFD");
}

// One line of a code block as it is shown: cleaned, a carriage return at the end dropped
// (CRLF files), any other carriage return shown as a visible ␍.
function codeLine(s) {
  return cleanText(s).replace(/\r$/, "").replace(/\r/g, "\u240D");
}

module.exports = { cleanText, codeLine };
