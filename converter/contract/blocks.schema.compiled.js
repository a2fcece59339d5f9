// Generated from blocks.schema.json by compile.js (npm run contract) with ajv 8.20.0: do not edit.
"use strict";
module.exports = validate20;
module.exports.default = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"The block JSON contract (Python -> Node), schema 1","description":"The structure agentic_docgen/mdjson.py writes and converter/index.js turns into a .docx; its meaning is in docs/json-contract.md. Unknown extra keys are allowed (forward compatible). What JSON Schema cannot say is checked by converter/contract/checks.js: heading and footnote ids are unique, code 'lines' add up to 'text', 'body.line_styles' fits 'body.lines' and the palette, blocks nest at most 100 deep, and 'meta.theme' has the shape of the default theme (converter/theme.js). Two annotation keywords only word the converter's messages ('<json path>: <what>') and change nothing about validity: 'x-expected' says what a value must be ('expected <x-expected>, got <value>' for any fault of the value itself), 'x-messages' maps a keyword to the message for a fault of that keyword ('oneOf:none' / 'oneOf:several': no branch / more than one branch matches). Placeholders: {value} the value, {keys} the keys the oneOf branches require (all of them, or the ones the value has when several match), {tag} / {tags} the discriminator's value and the values it knows. 'discriminator' (OpenAPI) lets ajv pick a block's branch by its 'type'; validators without it use the plain oneOf.","type":"object","required":["schema","meta","blocks"],"properties":{"schema":{"const":1,"x-messages":{"const":"unsupported schema {value} (this converter reads schema 1)"}},"meta":{"$ref":"#/$defs/meta"},"blocks":{"$ref":"#/$defs/blocks"},"footnotes":{"type":"array","items":{"$ref":"#/$defs/footnote"}}},"$defs":{"meta":{"type":"object","required":["title","author","created"],"properties":{"title":{"type":"string"},"author":{"type":"string"},"description":{"type":"string"},"created":{"type":"string"},"date":{"type":"string"},"subtitle":{"type":"string"},"toc":{"type":"boolean"},"toc_levels":{"type":"integer","minimum":1,"maximum":3,"x-expected":"an integer 1-3","description":"the heading levels the contents lists (default 3)"},"properties":{"description":"custom document properties (docProps/custom.xml), e.g. docgen-session and docgen-version","type":"object","additionalProperties":{"type":"string"}},"theme":{"description":"overrides deep-merged into converter/theme.js (docs/styles.md); their shape is checked against the default theme","type":"object"},"lang":{"$ref":"#/$defs/lang","description":"the document's language, declared as the default of its styles (default en-US)"},"labels":{"description":"the fixed strings the converter writes, in the document's language (agentic_docgen/core/messages.json); theme overrides (toc.title, caption.figureLabel) win","type":"object","properties":{"contents":{"$ref":"#/$defs/nonEmptyString"},"figure":{"$ref":"#/$defs/nonEmptyString"},"page":{"type":"string","pattern":"\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}","x-expected":"a text holding {page} and {pages}"},"missing_image":{"$ref":"#/$defs/nonEmptyString"}}}}},"blocks":{"type":"array","items":{"$ref":"#/$defs/block"}},"block":{"type":"object","required":["type"],"properties":{"type":{"type":"string"},"lang":{"$ref":"#/$defs/lang","description":"the language of a chapter in another language than the document (its runs get w:lang, and an East Asian font for ja, zh, ko)"}},"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/$defs/heading"},{"$ref":"#/$defs/paragraph"},{"$ref":"#/$defs/code"},{"$ref":"#/$defs/list"},{"$ref":"#/$defs/table"},{"$ref":"#/$defs/quote"},{"$ref":"#/$defs/rule"},{"$ref":"#/$defs/html"}],"x-messages":{"discriminator":"unknown block type {tag} (expected one of {tags})"}},"heading":{"type":"object","required":["level","id","runs"],"properties":{"type":{"const":"heading"},"level":{"type":"integer","minimum":1,"maximum":6,"x-expected":"an integer 1-6"},"id":{"$ref":"#/$defs/nonEmptyString","description":"bookmark name, unique in the document"},"runs":{"$ref":"#/$defs/runs"}}},"paragraph":{"type":"object","required":["runs"],"properties":{"type":{"const":"paragraph"},"runs":{"$ref":"#/$defs/runs"},"align":{"enum":["left","center","right"],"x-expected":"\"left\", \"center\" or \"right\"","description":"the paragraph's alignment (HTML align=, <center>); default: the style's"}}},"code":{"description":"lines in 'text' (joined by \\n), optionally coloured by 'lines'; or, for big blocks, in a file ('body')","type":"object","if":{"required":["body"]},"then":{"properties":{"body":{"$ref":"#/$defs/codeBody"},"lines":{"not":{},"x-messages":{"not":"not allowed with body"}}}},"else":{"required":["text"],"properties":{"text":{"type":"string"}}},"properties":{"type":{"const":"code"},"language":{"type":["string","null"]},"anchors":{"description":"bookmarks on single lines: the line's index (0-based, digits) → the bookmark id (internal links '#id' reach it)","type":"object","propertyNames":{"pattern":"^[0-9]+$"},"additionalProperties":{"$ref":"#/$defs/nonEmptyString"}},"lines":{"description":"one entry per line of text.split('\\n'): runs whose texts add up to the line","type":"array","items":{"type":"array","items":{"$ref":"#/$defs/lineRun"}}}}},"codeBody":{"description":"the block's lines are bytes offset..offset+length of a UTF-8 file (default: all of it), joined by \\n; line_styles: one character per line, '0' + the index of the line's style in palette","type":"object","required":["path","lines"],"properties":{"path":{"$ref":"#/$defs/nonEmptyString"},"lines":{"type":"integer","minimum":1,"x-expected":"a whole number of lines >= 1"},"offset":{"type":"integer","minimum":0,"x-expected":"a whole number of bytes >= 0"},"length":{"type":"integer","minimum":0,"x-expected":"a whole number of bytes >= 0"},"palette":{"type":"array","minItems":1,"maxItems":10,"items":{"$ref":"#/$defs/lineStyle"},"x-messages":{"minItems":"expected 1 to 10 styles","maxItems":"expected 1 to 10 styles"}},"line_styles":{"type":"string"}}},"lineStyle":{"type":"object","properties":{"bold":{"type":"boolean"},"italic":{"type":"boolean"},"color":{"$ref":"#/$defs/color"}}},"lineRun":{"type":"object","required":["text"],"properties":{"text":{"type":"string"},"bold":{"type":"boolean"},"italic":{"type":"boolean"},"underline":{"type":"boolean"},"color":{"$ref":"#/$defs/color"}}},"list":{"type":"object","required":["ordered","items"],"properties":{"type":{"const":"list"},"ordered":{"type":"boolean"},"start":{"type":["integer","null"],"minimum":0,"x-expected":"a non-negative integer"},"items":{"type":"array","items":{"$ref":"#/$defs/listItem"}}}},"listItem":{"type":"object","required":["blocks"],"properties":{"checked":{"type":"boolean"},"blocks":{"$ref":"#/$defs/blocks"}}},"table":{"type":"object","required":["align","header","rows"],"properties":{"type":{"const":"table"},"caption":{"type":"string"},"header_row":{"type":"boolean","description":"false: the table has no header row ('header' only gives the columns, empty cells, not shown); default true"},"align":{"type":"array","items":{"enum":["left","center","right",null],"x-expected":"\"left\", \"center\", \"right\" or null"}},"header":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/runs"},"x-messages":{"minItems":"a table needs at least one column"}},"rows":{"type":"array","items":{"type":"array","items":{"$ref":"#/$defs/runs"}}}}},"quote":{"type":"object","required":["blocks"],"properties":{"type":{"const":"quote"},"blocks":{"$ref":"#/$defs/blocks"}}},"rule":{"type":"object","properties":{"type":{"const":"rule"}}},"html":{"type":"object","required":["text"],"properties":{"type":{"const":"html"},"text":{"type":"string"}}},"runs":{"type":"array","items":{"$ref":"#/$defs/run"}},"run":{"description":"exactly one of text, break, image, missing_image, footnote, math","type":"object","oneOf":[{"required":["text"]},{"required":["break"]},{"required":["image"]},{"required":["missing_image"]},{"required":["footnote"]},{"required":["math"]}],"allOf":[{"if":{"required":["text"]},"then":{"$ref":"#/$defs/textRun"}},{"if":{"required":["break"]},"then":{"properties":{"break":{"const":true}}}},{"if":{"required":["image"]},"then":{"properties":{"image":{"$ref":"#/$defs/image"}}}},{"if":{"required":["missing_image"]},"then":{"properties":{"missing_image":{"$ref":"#/$defs/missingImage"}}}},{"if":{"required":["footnote"]},"then":{"properties":{"footnote":{"type":"string","minLength":1,"x-expected":"a footnote id (a non-empty string)"}}}},{"if":{"required":["math"]},"then":{"$ref":"#/$defs/mathRun"}}],"x-messages":{"oneOf:none":"a run needs one of {keys}","oneOf:several":"a run has exactly one of {keys}"}},"mathRun":{"description":"TeX math, shown as a Word equation (display: a formula on its own line)","type":"object","properties":{"math":{"$ref":"#/$defs/nonEmptyString"},"display":{"type":"boolean"}}},"textRun":{"type":"object","properties":{"text":{"type":"string"},"bold":{"type":"boolean"},"italic":{"type":"boolean"},"code":{"type":"boolean"},"strike":{"type":"boolean"},"underline":{"type":"boolean"},"superscript":{"type":"boolean"},"subscript":{"type":"boolean"},"link":{"type":"string"},"color":{"$ref":"#/$defs/color"}}},"image":{"type":"object","required":["path","width","height"],"properties":{"path":{"$ref":"#/$defs/nonEmptyString"},"width":{"$ref":"#/$defs/pixels"},"height":{"$ref":"#/$defs/pixels"},"alt":{"type":"string"},"caption":{"type":"string"},"fallback":{"$ref":"#/$defs/nonEmptyString"},"display_width":{"type":["number","null"],"exclusiveMinimum":0,"x-expected":"a positive number of pixels"}}},"missingImage":{"type":"object","required":["ref"],"properties":{"ref":{"type":"string"},"alt":{"type":"string"}}},"footnote":{"type":"object","required":["id","blocks"],"properties":{"id":{"$ref":"#/$defs/nonEmptyString","description":"unique among the footnotes"},"blocks":{"$ref":"#/$defs/blocks"}}},"lang":{"type":"string","pattern":"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$","x-expected":"a language tag such as de or zh-CN"},"nonEmptyString":{"type":"string","pattern":"\\S","x-messages":{"pattern":"must not be empty"}},"color":{"type":"string","pattern":"^[0-9A-Fa-f]{6}$","x-expected":"a colour of 6 hex digits (RRGGBB)"},"pixels":{"type":"number","exclusiveMinimum":0,"x-expected":"a positive number of pixels"}}};
const schema32 = {"type":"object","required":["title","author","created"],"properties":{"title":{"type":"string"},"author":{"type":"string"},"description":{"type":"string"},"created":{"type":"string"},"date":{"type":"string"},"subtitle":{"type":"string"},"toc":{"type":"boolean"},"toc_levels":{"type":"integer","minimum":1,"maximum":3,"x-expected":"an integer 1-3","description":"the heading levels the contents lists (default 3)"},"properties":{"description":"custom document properties (docProps/custom.xml), e.g. docgen-session and docgen-version","type":"object","additionalProperties":{"type":"string"}},"theme":{"description":"overrides deep-merged into converter/theme.js (docs/styles.md); their shape is checked against the default theme","type":"object"},"lang":{"$ref":"#/$defs/lang","description":"the document's language, declared as the default of its styles (default en-US)"},"labels":{"description":"the fixed strings the converter writes, in the document's language (agentic_docgen/core/messages.json); theme overrides (toc.title, caption.figureLabel) win","type":"object","properties":{"contents":{"$ref":"#/$defs/nonEmptyString"},"figure":{"$ref":"#/$defs/nonEmptyString"},"page":{"type":"string","pattern":"\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}","x-expected":"a text holding {page} and {pages}"},"missing_image":{"$ref":"#/$defs/nonEmptyString"}}}}};
const schema33 = {"type":"string","pattern":"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$","x-expected":"a language tag such as de or zh-CN"};
const schema34 = {"type":"string","pattern":"\\S","x-messages":{"pattern":"must not be empty"}};
const pattern4 = new RegExp("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "u");
const pattern5 = new RegExp("\\S", "u");
const pattern7 = new RegExp("\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.title === undefined) && (missing0 = "title")) || ((data.author === undefined) && (missing0 = "author"))) || ((data.created === undefined) && (missing0 = "created"))){
validate21.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema32.required,parentSchema:schema32,data}];
return false;
}
else {
if(data.title !== undefined){
let data0 = data.title;
const _errs1 = errors;
if(typeof data0 !== "string"){
validate21.errors = [{instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.title.type,parentSchema:schema32.properties.title,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.author !== undefined){
let data1 = data.author;
const _errs3 = errors;
if(typeof data1 !== "string"){
validate21.errors = [{instancePath:instancePath+"/author",schemaPath:"#/properties/author/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.author.type,parentSchema:schema32.properties.author,data:data1}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.description !== undefined){
let data2 = data.description;
const _errs5 = errors;
if(typeof data2 !== "string"){
validate21.errors = [{instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.description.type,parentSchema:schema32.properties.description,data:data2}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.created !== undefined){
let data3 = data.created;
const _errs7 = errors;
if(typeof data3 !== "string"){
validate21.errors = [{instancePath:instancePath+"/created",schemaPath:"#/properties/created/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.created.type,parentSchema:schema32.properties.created,data:data3}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.date !== undefined){
let data4 = data.date;
const _errs9 = errors;
if(typeof data4 !== "string"){
validate21.errors = [{instancePath:instancePath+"/date",schemaPath:"#/properties/date/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.date.type,parentSchema:schema32.properties.date,data:data4}];
return false;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subtitle !== undefined){
let data5 = data.subtitle;
const _errs11 = errors;
if(typeof data5 !== "string"){
validate21.errors = [{instancePath:instancePath+"/subtitle",schemaPath:"#/properties/subtitle/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.subtitle.type,parentSchema:schema32.properties.subtitle,data:data5}];
return false;
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.toc !== undefined){
let data6 = data.toc;
const _errs13 = errors;
if(typeof data6 !== "boolean"){
validate21.errors = [{instancePath:instancePath+"/toc",schemaPath:"#/properties/toc/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.toc.type,parentSchema:schema32.properties.toc,data:data6}];
return false;
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.toc_levels !== undefined){
let data7 = data.toc_levels;
const _errs15 = errors;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
validate21.errors = [{instancePath:instancePath+"/toc_levels",schemaPath:"#/properties/toc_levels/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.toc_levels.type,parentSchema:schema32.properties.toc_levels,data:data7}];
return false;
}
if(errors === _errs15){
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 3 || isNaN(data7)){
validate21.errors = [{instancePath:instancePath+"/toc_levels",schemaPath:"#/properties/toc_levels/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3},message:"must be <= 3",schema:3,parentSchema:schema32.properties.toc_levels,data:data7}];
return false;
}
else {
if(data7 < 1 || isNaN(data7)){
validate21.errors = [{instancePath:instancePath+"/toc_levels",schemaPath:"#/properties/toc_levels/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.toc_levels,data:data7}];
return false;
}
}
}
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.properties !== undefined){
let data8 = data.properties;
const _errs17 = errors;
if(errors === _errs17){
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key0 in data8){
let data9 = data8[key0];
const _errs20 = errors;
if(typeof data9 !== "string"){
validate21.errors = [{instancePath:instancePath+"/properties/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/properties/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.properties.additionalProperties.type,parentSchema:schema32.properties.properties.additionalProperties,data:data9}];
return false;
}
var valid1 = _errs20 === errors;
if(!valid1){
break;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/properties",schemaPath:"#/properties/properties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.properties.type,parentSchema:schema32.properties.properties,data:data8}];
return false;
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.theme !== undefined){
let data10 = data.theme;
const _errs22 = errors;
if(!(data10 && typeof data10 == "object" && !Array.isArray(data10))){
validate21.errors = [{instancePath:instancePath+"/theme",schemaPath:"#/properties/theme/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.theme.type,parentSchema:schema32.properties.theme,data:data10}];
return false;
}
var valid0 = _errs22 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.lang !== undefined){
let data11 = data.lang;
const _errs24 = errors;
const _errs25 = errors;
if(errors === _errs25){
if(typeof data11 === "string"){
if(!pattern4.test(data11)){
validate21.errors = [{instancePath:instancePath+"/lang",schemaPath:"#/$defs/lang/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},message:"must match pattern \""+"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"+"\"",schema:"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",parentSchema:schema33,data:data11}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/lang",schemaPath:"#/$defs/lang/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data11}];
return false;
}
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.labels !== undefined){
let data12 = data.labels;
const _errs27 = errors;
if(errors === _errs27){
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.contents !== undefined){
let data13 = data12.contents;
const _errs29 = errors;
const _errs30 = errors;
if(errors === _errs30){
if(typeof data13 === "string"){
if(!pattern5.test(data13)){
validate21.errors = [{instancePath:instancePath+"/labels/contents",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data13}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/labels/contents",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data13}];
return false;
}
}
var valid3 = _errs29 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data12.figure !== undefined){
let data14 = data12.figure;
const _errs32 = errors;
const _errs33 = errors;
if(errors === _errs33){
if(typeof data14 === "string"){
if(!pattern5.test(data14)){
validate21.errors = [{instancePath:instancePath+"/labels/figure",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data14}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/labels/figure",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data14}];
return false;
}
}
var valid3 = _errs32 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data12.page !== undefined){
let data15 = data12.page;
const _errs35 = errors;
if(errors === _errs35){
if(typeof data15 === "string"){
if(!pattern7.test(data15)){
validate21.errors = [{instancePath:instancePath+"/labels/page",schemaPath:"#/properties/labels/properties/page/pattern",keyword:"pattern",params:{pattern: "\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}"},message:"must match pattern \""+"\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}"+"\"",schema:"\\{page\\}[\\s\\S]*\\{pages\\}|\\{pages\\}[\\s\\S]*\\{page\\}",parentSchema:schema32.properties.labels.properties.page,data:data15}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/labels/page",schemaPath:"#/properties/labels/properties/page/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.labels.properties.page.type,parentSchema:schema32.properties.labels.properties.page,data:data15}];
return false;
}
}
var valid3 = _errs35 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data12.missing_image !== undefined){
let data16 = data12.missing_image;
const _errs37 = errors;
const _errs38 = errors;
if(errors === _errs38){
if(typeof data16 === "string"){
if(!pattern5.test(data16)){
validate21.errors = [{instancePath:instancePath+"/labels/missing_image",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data16}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/labels/missing_image",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data16}];
return false;
}
}
var valid3 = _errs37 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.labels.type,parentSchema:schema32.properties.labels,data:data12}];
return false;
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":{"title":true,"author":true,"description":true,"created":true,"date":true,"subtitle":true,"toc":true,"toc_levels":true,"properties":true,"theme":true,"lang":true,"labels":true},"dynamicProps":false,"dynamicItems":false};

const schema37 = {"type":"array","items":{"$ref":"#/$defs/block"}};
const schema38 = {"type":"object","required":["type"],"properties":{"type":{"type":"string"},"lang":{"$ref":"#/$defs/lang","description":"the language of a chapter in another language than the document (its runs get w:lang, and an East Asian font for ja, zh, ko)"}},"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/$defs/heading"},{"$ref":"#/$defs/paragraph"},{"$ref":"#/$defs/code"},{"$ref":"#/$defs/list"},{"$ref":"#/$defs/table"},{"$ref":"#/$defs/quote"},{"$ref":"#/$defs/rule"},{"$ref":"#/$defs/html"}],"x-messages":{"discriminator":"unknown block type {tag} (expected one of {tags})"}};
const schema67 = {"type":"object","properties":{"type":{"const":"rule"}}};
const schema68 = {"type":"object","required":["text"],"properties":{"type":{"const":"html"},"text":{"type":"string"}}};
const schema40 = {"type":"object","required":["level","id","runs"],"properties":{"type":{"const":"heading"},"level":{"type":"integer","minimum":1,"maximum":6,"x-expected":"an integer 1-6"},"id":{"$ref":"#/$defs/nonEmptyString","description":"bookmark name, unique in the document"},"runs":{"$ref":"#/$defs/runs"}}};
const schema42 = {"type":"array","items":{"$ref":"#/$defs/run"}};
const schema43 = {"description":"exactly one of text, break, image, missing_image, footnote, math","type":"object","oneOf":[{"required":["text"]},{"required":["break"]},{"required":["image"]},{"required":["missing_image"]},{"required":["footnote"]},{"required":["math"]}],"allOf":[{"if":{"required":["text"]},"then":{"$ref":"#/$defs/textRun"}},{"if":{"required":["break"]},"then":{"properties":{"break":{"const":true}}}},{"if":{"required":["image"]},"then":{"properties":{"image":{"$ref":"#/$defs/image"}}}},{"if":{"required":["missing_image"]},"then":{"properties":{"missing_image":{"$ref":"#/$defs/missingImage"}}}},{"if":{"required":["footnote"]},"then":{"properties":{"footnote":{"type":"string","minLength":1,"x-expected":"a footnote id (a non-empty string)"}}}},{"if":{"required":["math"]},"then":{"$ref":"#/$defs/mathRun"}}],"x-messages":{"oneOf:none":"a run needs one of {keys}","oneOf:several":"a run has exactly one of {keys}"}};
const schema51 = {"type":"object","required":["ref"],"properties":{"ref":{"type":"string"},"alt":{"type":"string"}}};
const schema44 = {"type":"object","properties":{"text":{"type":"string"},"bold":{"type":"boolean"},"italic":{"type":"boolean"},"code":{"type":"boolean"},"strike":{"type":"boolean"},"underline":{"type":"boolean"},"superscript":{"type":"boolean"},"subscript":{"type":"boolean"},"link":{"type":"string"},"color":{"$ref":"#/$defs/color"}}};
const schema45 = {"type":"string","pattern":"^[0-9A-Fa-f]{6}$","x-expected":"a colour of 6 hex digits (RRGGBB)"};
const pattern11 = new RegExp("^[0-9A-Fa-f]{6}$", "u");

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text !== undefined){
let data0 = data.text;
const _errs1 = errors;
if(typeof data0 !== "string"){
validate28.errors = [{instancePath:instancePath+"/text",schemaPath:"#/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.text.type,parentSchema:schema44.properties.text,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.bold !== undefined){
let data1 = data.bold;
const _errs3 = errors;
if(typeof data1 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/bold",schemaPath:"#/properties/bold/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.bold.type,parentSchema:schema44.properties.bold,data:data1}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.italic !== undefined){
let data2 = data.italic;
const _errs5 = errors;
if(typeof data2 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/italic",schemaPath:"#/properties/italic/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.italic.type,parentSchema:schema44.properties.italic,data:data2}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.code !== undefined){
let data3 = data.code;
const _errs7 = errors;
if(typeof data3 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.code.type,parentSchema:schema44.properties.code,data:data3}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.strike !== undefined){
let data4 = data.strike;
const _errs9 = errors;
if(typeof data4 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/strike",schemaPath:"#/properties/strike/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.strike.type,parentSchema:schema44.properties.strike,data:data4}];
return false;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.underline !== undefined){
let data5 = data.underline;
const _errs11 = errors;
if(typeof data5 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/underline",schemaPath:"#/properties/underline/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.underline.type,parentSchema:schema44.properties.underline,data:data5}];
return false;
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.superscript !== undefined){
let data6 = data.superscript;
const _errs13 = errors;
if(typeof data6 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/superscript",schemaPath:"#/properties/superscript/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.superscript.type,parentSchema:schema44.properties.superscript,data:data6}];
return false;
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscript !== undefined){
let data7 = data.subscript;
const _errs15 = errors;
if(typeof data7 !== "boolean"){
validate28.errors = [{instancePath:instancePath+"/subscript",schemaPath:"#/properties/subscript/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema44.properties.subscript.type,parentSchema:schema44.properties.subscript,data:data7}];
return false;
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.link !== undefined){
let data8 = data.link;
const _errs17 = errors;
if(typeof data8 !== "string"){
validate28.errors = [{instancePath:instancePath+"/link",schemaPath:"#/properties/link/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.link.type,parentSchema:schema44.properties.link,data:data8}];
return false;
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.color !== undefined){
let data9 = data.color;
const _errs19 = errors;
const _errs20 = errors;
if(errors === _errs20){
if(typeof data9 === "string"){
if(!pattern11.test(data9)){
validate28.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f]{6}$"},message:"must match pattern \""+"^[0-9A-Fa-f]{6}$"+"\"",schema:"^[0-9A-Fa-f]{6}$",parentSchema:schema45,data:data9}];
return false;
}
}
else {
validate28.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.type,parentSchema:schema45,data:data9}];
return false;
}
}
var valid0 = _errs19 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate28.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data}];
return false;
}
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":{"text":true,"bold":true,"italic":true,"code":true,"strike":true,"underline":true,"superscript":true,"subscript":true,"link":true,"color":true},"dynamicProps":false,"dynamicItems":false};

const schema46 = {"type":"object","required":["path","width","height"],"properties":{"path":{"$ref":"#/$defs/nonEmptyString"},"width":{"$ref":"#/$defs/pixels"},"height":{"$ref":"#/$defs/pixels"},"alt":{"type":"string"},"caption":{"type":"string"},"fallback":{"$ref":"#/$defs/nonEmptyString"},"display_width":{"type":["number","null"],"exclusiveMinimum":0,"x-expected":"a positive number of pixels"}}};
const schema48 = {"type":"number","exclusiveMinimum":0,"x-expected":"a positive number of pixels"};

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.path === undefined) && (missing0 = "path")) || ((data.width === undefined) && (missing0 = "width"))) || ((data.height === undefined) && (missing0 = "height"))){
validate30.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema46.required,parentSchema:schema46,data}];
return false;
}
else {
if(data.path !== undefined){
let data0 = data.path;
const _errs1 = errors;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate30.errors = [{instancePath:instancePath+"/path",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data0}];
return false;
}
}
else {
validate30.errors = [{instancePath:instancePath+"/path",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.width !== undefined){
let data1 = data.width;
const _errs4 = errors;
const _errs5 = errors;
if(errors === _errs5){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 <= 0 || isNaN(data1)){
validate30.errors = [{instancePath:instancePath+"/width",schemaPath:"#/$defs/pixels/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema48,data:data1}];
return false;
}
}
else {
validate30.errors = [{instancePath:instancePath+"/width",schemaPath:"#/$defs/pixels/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema48.type,parentSchema:schema48,data:data1}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.height !== undefined){
let data2 = data.height;
const _errs7 = errors;
const _errs8 = errors;
if(errors === _errs8){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 <= 0 || isNaN(data2)){
validate30.errors = [{instancePath:instancePath+"/height",schemaPath:"#/$defs/pixels/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema48,data:data2}];
return false;
}
}
else {
validate30.errors = [{instancePath:instancePath+"/height",schemaPath:"#/$defs/pixels/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema48.type,parentSchema:schema48,data:data2}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.alt !== undefined){
let data3 = data.alt;
const _errs10 = errors;
if(typeof data3 !== "string"){
validate30.errors = [{instancePath:instancePath+"/alt",schemaPath:"#/properties/alt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.alt.type,parentSchema:schema46.properties.alt,data:data3}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.caption !== undefined){
let data4 = data.caption;
const _errs12 = errors;
if(typeof data4 !== "string"){
validate30.errors = [{instancePath:instancePath+"/caption",schemaPath:"#/properties/caption/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.caption.type,parentSchema:schema46.properties.caption,data:data4}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.fallback !== undefined){
let data5 = data.fallback;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data5 === "string"){
if(!pattern5.test(data5)){
validate30.errors = [{instancePath:instancePath+"/fallback",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data5}];
return false;
}
}
else {
validate30.errors = [{instancePath:instancePath+"/fallback",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data5}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.display_width !== undefined){
let data6 = data.display_width;
const _errs17 = errors;
if((!((typeof data6 == "number") && (isFinite(data6)))) && (data6 !== null)){
validate30.errors = [{instancePath:instancePath+"/display_width",schemaPath:"#/properties/display_width/type",keyword:"type",params:{type: schema46.properties.display_width.type},message:"must be number,null",schema:schema46.properties.display_width.type,parentSchema:schema46.properties.display_width,data:data6}];
return false;
}
if(errors === _errs17){
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 <= 0 || isNaN(data6)){
validate30.errors = [{instancePath:instancePath+"/display_width",schemaPath:"#/properties/display_width/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema46.properties.display_width,data:data6}];
return false;
}
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate30.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data}];
return false;
}
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":{"path":true,"width":true,"height":true,"alt":true,"caption":true,"fallback":true,"display_width":true},"dynamicProps":false,"dynamicItems":false};

const schema52 = {"description":"TeX math, shown as a Word equation (display: a formula on its own line)","type":"object","properties":{"math":{"$ref":"#/$defs/nonEmptyString"},"display":{"type":"boolean"}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.math !== undefined){
let data0 = data.math;
const _errs1 = errors;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate32.errors = [{instancePath:instancePath+"/math",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data0}];
return false;
}
}
else {
validate32.errors = [{instancePath:instancePath+"/math",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.display !== undefined){
let data1 = data.display;
const _errs4 = errors;
if(typeof data1 !== "boolean"){
validate32.errors = [{instancePath:instancePath+"/display",schemaPath:"#/properties/display/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema52.properties.display.type,parentSchema:schema52.properties.display,data:data1}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
else {
validate32.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data}];
return false;
}
}
validate32.errors = vErrors;
return errors === 0;
}
validate32.evaluated = {"props":{"math":true,"display":true},"dynamicProps":false,"dynamicItems":false};

const func1 = require("ajv/dist/runtime/ucs2length").default;

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(data && typeof data == "object" && !Array.isArray(data))){
validate27.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data}];
return false;
}
const _errs1 = errors;
let valid0 = false;
let passing0 = null;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.text === undefined) && (missing0 = "text")){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema43.oneOf[0].required,parentSchema:schema43.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.break === undefined) && (missing1 = "break")){
const err1 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'",schema:schema43.oneOf[1].required,parentSchema:schema43.oneOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.image === undefined) && (missing2 = "image")){
const err2 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'",schema:schema43.oneOf[2].required,parentSchema:schema43.oneOf[2],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.missing_image === undefined) && (missing3 = "missing_image")){
const err3 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'",schema:schema43.oneOf[3].required,parentSchema:schema43.oneOf[3],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if((data.footnote === undefined) && (missing4 = "footnote")){
const err4 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'",schema:schema43.oneOf[4].required,parentSchema:schema43.oneOf[4],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
}
const _errs7 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing5;
if((data.math === undefined) && (missing5 = "math")){
const err5 = {instancePath,schemaPath:"#/oneOf/5/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'",schema:schema43.oneOf[5].required,parentSchema:schema43.oneOf[5],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 5];
}
else {
if(_valid0){
valid0 = true;
passing0 = 5;
}
}
}
}
}
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema43.oneOf,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
validate27.errors = vErrors;
return false;
}
else {
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
const _errs8 = errors;
const _errs9 = errors;
let valid2 = true;
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing6;
if((data.text === undefined) && (missing6 = "text")){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs11 = errors;
if(!(validate28(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
var _valid1 = _errs11 === errors;
valid2 = _valid1;
if(valid2){
var props0 = {};
props0.text = true;
props0.bold = true;
props0.italic = true;
props0.code = true;
props0.strike = true;
props0.underline = true;
props0.superscript = true;
props0.subscript = true;
props0.link = true;
props0.color = true;
}
}
if(!valid2){
const err8 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[0].if,parentSchema:schema43.allOf[0],data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs8 === errors;
if(valid1){
const _errs12 = errors;
const _errs13 = errors;
let valid3 = true;
const _errs14 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing7;
if((data.break === undefined) && (missing7 = "break")){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid2 = _errs14 === errors;
errors = _errs13;
if(vErrors !== null){
if(_errs13){
vErrors.length = _errs13;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs15 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.break !== undefined){
let data0 = data.break;
if(true !== data0){
validate27.errors = [{instancePath:instancePath+"/break",schemaPath:"#/allOf/1/then/properties/break/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema43.allOf[1].then.properties.break,data:data0}];
return false;
}
}
}
var _valid2 = _errs15 === errors;
valid3 = _valid2;
if(valid3){
var props1 = {};
props1.break = true;
}
}
if(!valid3){
const err10 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[1].if,parentSchema:schema43.allOf[1],data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs12 === errors;
if(valid1){
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
const _errs17 = errors;
const _errs18 = errors;
let valid5 = true;
const _errs19 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing8;
if((data.image === undefined) && (missing8 = "image")){
const err11 = {};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
var _valid3 = _errs19 === errors;
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs20 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.image !== undefined){
if(!(validate30(data.image, {instancePath:instancePath+"/image",parentData:data,parentDataProperty:"image",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
var _valid3 = _errs20 === errors;
valid5 = _valid3;
if(valid5){
var props2 = {};
props2.image = true;
}
}
if(!valid5){
const err12 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[2].if,parentSchema:schema43.allOf[2],data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs17 === errors;
if(valid1){
if(props0 !== true && props2 !== undefined){
if(props2 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props2);
}
}
const _errs22 = errors;
const _errs23 = errors;
let valid7 = true;
const _errs24 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing9;
if((data.missing_image === undefined) && (missing9 = "missing_image")){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var _valid4 = _errs24 === errors;
errors = _errs23;
if(vErrors !== null){
if(_errs23){
vErrors.length = _errs23;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs25 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.missing_image !== undefined){
let data2 = data.missing_image;
const _errs27 = errors;
if(errors === _errs27){
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
let missing10;
if((data2.ref === undefined) && (missing10 = "ref")){
validate27.errors = [{instancePath:instancePath+"/missing_image",schemaPath:"#/$defs/missingImage/required",keyword:"required",params:{missingProperty: missing10},message:"must have required property '"+missing10+"'",schema:schema51.required,parentSchema:schema51,data:data2}];
return false;
}
else {
if(data2.ref !== undefined){
let data3 = data2.ref;
const _errs29 = errors;
if(typeof data3 !== "string"){
validate27.errors = [{instancePath:instancePath+"/missing_image/ref",schemaPath:"#/$defs/missingImage/properties/ref/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.ref.type,parentSchema:schema51.properties.ref,data:data3}];
return false;
}
var valid10 = _errs29 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data2.alt !== undefined){
let data4 = data2.alt;
const _errs31 = errors;
if(typeof data4 !== "string"){
validate27.errors = [{instancePath:instancePath+"/missing_image/alt",schemaPath:"#/$defs/missingImage/properties/alt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.alt.type,parentSchema:schema51.properties.alt,data:data4}];
return false;
}
var valid10 = _errs31 === errors;
}
else {
var valid10 = true;
}
}
}
}
else {
validate27.errors = [{instancePath:instancePath+"/missing_image",schemaPath:"#/$defs/missingImage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data:data2}];
return false;
}
}
}
}
var _valid4 = _errs25 === errors;
valid7 = _valid4;
if(valid7){
var props3 = {};
props3.missing_image = true;
}
}
if(!valid7){
const err14 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[3].if,parentSchema:schema43.allOf[3],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs22 === errors;
if(valid1){
if(props0 !== true && props3 !== undefined){
if(props3 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props3);
}
}
const _errs33 = errors;
const _errs34 = errors;
let valid11 = true;
const _errs35 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing11;
if((data.footnote === undefined) && (missing11 = "footnote")){
const err15 = {};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var _valid5 = _errs35 === errors;
errors = _errs34;
if(vErrors !== null){
if(_errs34){
vErrors.length = _errs34;
}
else {
vErrors = null;
}
}
if(_valid5){
const _errs36 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.footnote !== undefined){
let data5 = data.footnote;
const _errs37 = errors;
if(errors === _errs37){
if(typeof data5 === "string"){
if(func1(data5) < 1){
validate27.errors = [{instancePath:instancePath+"/footnote",schemaPath:"#/allOf/4/then/properties/footnote/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.allOf[4].then.properties.footnote,data:data5}];
return false;
}
}
else {
validate27.errors = [{instancePath:instancePath+"/footnote",schemaPath:"#/allOf/4/then/properties/footnote/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.allOf[4].then.properties.footnote.type,parentSchema:schema43.allOf[4].then.properties.footnote,data:data5}];
return false;
}
}
}
}
var _valid5 = _errs36 === errors;
valid11 = _valid5;
if(valid11){
var props4 = {};
props4.footnote = true;
}
}
if(!valid11){
const err16 = {instancePath,schemaPath:"#/allOf/4/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[4].if,parentSchema:schema43.allOf[4],data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs33 === errors;
if(valid1){
if(props0 !== true && props4 !== undefined){
if(props4 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props4);
}
}
const _errs39 = errors;
const _errs40 = errors;
let valid13 = true;
const _errs41 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing12;
if((data.math === undefined) && (missing12 = "math")){
const err17 = {};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
var _valid6 = _errs41 === errors;
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
if(_valid6){
const _errs42 = errors;
if(!(validate32(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
var _valid6 = _errs42 === errors;
valid13 = _valid6;
if(valid13){
var props5 = {};
props5.math = true;
props5.display = true;
}
}
if(!valid13){
const err18 = {instancePath,schemaPath:"#/allOf/5/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema43.allOf[5].if,parentSchema:schema43.allOf[5],data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
validate27.errors = vErrors;
return false;
}
var valid1 = _errs39 === errors;
if(valid1){
if(props0 !== true && props5 !== undefined){
if(props5 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props5);
}
}
}
}
}
}
}
}
}
validate27.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate27.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(Array.isArray(data)){
var valid0 = true;
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
const _errs1 = errors;
if(!(validate27(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
var valid0 = _errs1 === errors;
if(!valid0){
break;
}
}
}
else {
validate26.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.type,parentSchema:schema42,data}];
return false;
}
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.level === undefined) && (missing0 = "level")) || ((data.id === undefined) && (missing0 = "id"))) || ((data.runs === undefined) && (missing0 = "runs"))){
validate25.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema40.required,parentSchema:schema40,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs1 = errors;
if("heading" !== data0){
validate25.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "heading"},message:"must be equal to constant",schema:"heading",parentSchema:schema40.properties.type,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.level !== undefined){
let data1 = data.level;
const _errs2 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate25.errors = [{instancePath:instancePath+"/level",schemaPath:"#/properties/level/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.level.type,parentSchema:schema40.properties.level,data:data1}];
return false;
}
if(errors === _errs2){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 6 || isNaN(data1)){
validate25.errors = [{instancePath:instancePath+"/level",schemaPath:"#/properties/level/maximum",keyword:"maximum",params:{comparison: "<=", limit: 6},message:"must be <= 6",schema:6,parentSchema:schema40.properties.level,data:data1}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate25.errors = [{instancePath:instancePath+"/level",schemaPath:"#/properties/level/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40.properties.level,data:data1}];
return false;
}
}
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.id !== undefined){
let data2 = data.id;
const _errs4 = errors;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
validate25.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data2}];
return false;
}
}
else {
validate25.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data2}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.runs !== undefined){
const _errs7 = errors;
if(!(validate26(data.runs, {instancePath:instancePath+"/runs",parentData:data,parentDataProperty:"runs",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate25.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data}];
return false;
}
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":{"type":true,"level":true,"id":true,"runs":true},"dynamicProps":false,"dynamicItems":false};

const schema54 = {"type":"object","required":["runs"],"properties":{"type":{"const":"paragraph"},"runs":{"$ref":"#/$defs/runs"},"align":{"enum":["left","center","right"],"x-expected":"\"left\", \"center\" or \"right\"","description":"the paragraph's alignment (HTML align=, <center>); default: the style's"}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.runs === undefined) && (missing0 = "runs")){
validate36.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema54.required,parentSchema:schema54,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs1 = errors;
if("paragraph" !== data0){
validate36.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "paragraph"},message:"must be equal to constant",schema:"paragraph",parentSchema:schema54.properties.type,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.runs !== undefined){
const _errs2 = errors;
if(!(validate26(data.runs, {instancePath:instancePath+"/runs",parentData:data,parentDataProperty:"runs",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.align !== undefined){
let data2 = data.align;
const _errs3 = errors;
if(!(((data2 === "left") || (data2 === "center")) || (data2 === "right"))){
validate36.errors = [{instancePath:instancePath+"/align",schemaPath:"#/properties/align/enum",keyword:"enum",params:{allowedValues: schema54.properties.align.enum},message:"must be equal to one of the allowed values",schema:schema54.properties.align.enum,parentSchema:schema54.properties.align,data:data2}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate36.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data}];
return false;
}
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":{"type":true,"runs":true,"align":true},"dynamicProps":false,"dynamicItems":false};

const schema55 = {"description":"lines in 'text' (joined by \\n), optionally coloured by 'lines'; or, for big blocks, in a file ('body')","type":"object","if":{"required":["body"]},"then":{"properties":{"body":{"$ref":"#/$defs/codeBody"},"lines":{"not":{},"x-messages":{"not":"not allowed with body"}}}},"else":{"required":["text"],"properties":{"text":{"type":"string"}}},"properties":{"type":{"const":"code"},"language":{"type":["string","null"]},"anchors":{"description":"bookmarks on single lines: the line's index (0-based, digits) → the bookmark id (internal links '#id' reach it)","type":"object","propertyNames":{"pattern":"^[0-9]+$"},"additionalProperties":{"$ref":"#/$defs/nonEmptyString"}},"lines":{"description":"one entry per line of text.split('\\n'): runs whose texts add up to the line","type":"array","items":{"type":"array","items":{"$ref":"#/$defs/lineRun"}}}}};
const schema56 = {"description":"the block's lines are bytes offset..offset+length of a UTF-8 file (default: all of it), joined by \\n; line_styles: one character per line, '0' + the index of the line's style in palette","type":"object","required":["path","lines"],"properties":{"path":{"$ref":"#/$defs/nonEmptyString"},"lines":{"type":"integer","minimum":1,"x-expected":"a whole number of lines >= 1"},"offset":{"type":"integer","minimum":0,"x-expected":"a whole number of bytes >= 0"},"length":{"type":"integer","minimum":0,"x-expected":"a whole number of bytes >= 0"},"palette":{"type":"array","minItems":1,"maxItems":10,"items":{"$ref":"#/$defs/lineStyle"},"x-messages":{"minItems":"expected 1 to 10 styles","maxItems":"expected 1 to 10 styles"}},"line_styles":{"type":"string"}}};
const schema58 = {"type":"object","properties":{"bold":{"type":"boolean"},"italic":{"type":"boolean"},"color":{"$ref":"#/$defs/color"}}};

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate40.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.bold !== undefined){
let data0 = data.bold;
const _errs1 = errors;
if(typeof data0 !== "boolean"){
validate40.errors = [{instancePath:instancePath+"/bold",schemaPath:"#/properties/bold/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema58.properties.bold.type,parentSchema:schema58.properties.bold,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.italic !== undefined){
let data1 = data.italic;
const _errs3 = errors;
if(typeof data1 !== "boolean"){
validate40.errors = [{instancePath:instancePath+"/italic",schemaPath:"#/properties/italic/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema58.properties.italic.type,parentSchema:schema58.properties.italic,data:data1}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.color !== undefined){
let data2 = data.color;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data2 === "string"){
if(!pattern11.test(data2)){
validate40.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f]{6}$"},message:"must match pattern \""+"^[0-9A-Fa-f]{6}$"+"\"",schema:"^[0-9A-Fa-f]{6}$",parentSchema:schema45,data:data2}];
return false;
}
}
else {
validate40.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.type,parentSchema:schema45,data:data2}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate40.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data}];
return false;
}
}
validate40.errors = vErrors;
return errors === 0;
}
validate40.evaluated = {"props":{"bold":true,"italic":true,"color":true},"dynamicProps":false,"dynamicItems":false};


function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate39.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.path === undefined) && (missing0 = "path")) || ((data.lines === undefined) && (missing0 = "lines"))){
validate39.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema56.required,parentSchema:schema56,data}];
return false;
}
else {
if(data.path !== undefined){
let data0 = data.path;
const _errs1 = errors;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate39.errors = [{instancePath:instancePath+"/path",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data0}];
return false;
}
}
else {
validate39.errors = [{instancePath:instancePath+"/path",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.lines !== undefined){
let data1 = data.lines;
const _errs4 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate39.errors = [{instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.lines.type,parentSchema:schema56.properties.lines,data:data1}];
return false;
}
if(errors === _errs4){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
validate39.errors = [{instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema56.properties.lines,data:data1}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.offset !== undefined){
let data2 = data.offset;
const _errs6 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
validate39.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.offset.type,parentSchema:schema56.properties.offset,data:data2}];
return false;
}
if(errors === _errs6){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
validate39.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema56.properties.offset,data:data2}];
return false;
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.length !== undefined){
let data3 = data.length;
const _errs8 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
validate39.errors = [{instancePath:instancePath+"/length",schemaPath:"#/properties/length/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.length.type,parentSchema:schema56.properties.length,data:data3}];
return false;
}
if(errors === _errs8){
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
validate39.errors = [{instancePath:instancePath+"/length",schemaPath:"#/properties/length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema56.properties.length,data:data3}];
return false;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.palette !== undefined){
let data4 = data.palette;
const _errs10 = errors;
if(errors === _errs10){
if(Array.isArray(data4)){
if(data4.length > 10){
validate39.errors = [{instancePath:instancePath+"/palette",schemaPath:"#/properties/palette/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items",schema:10,parentSchema:schema56.properties.palette,data:data4}];
return false;
}
else {
if(data4.length < 1){
validate39.errors = [{instancePath:instancePath+"/palette",schemaPath:"#/properties/palette/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema56.properties.palette,data:data4}];
return false;
}
else {
var valid2 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
const _errs12 = errors;
if(!(validate40(data4[i0], {instancePath:instancePath+"/palette/" + i0,parentData:data4,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
var valid2 = _errs12 === errors;
if(!valid2){
break;
}
}
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/palette",schemaPath:"#/properties/palette/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema56.properties.palette.type,parentSchema:schema56.properties.palette,data:data4}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.line_styles !== undefined){
let data6 = data.line_styles;
const _errs13 = errors;
if(typeof data6 !== "string"){
validate39.errors = [{instancePath:instancePath+"/line_styles",schemaPath:"#/properties/line_styles/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.line_styles.type,parentSchema:schema56.properties.line_styles,data:data6}];
return false;
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate39.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.type,parentSchema:schema56,data}];
return false;
}
}
validate39.errors = vErrors;
return errors === 0;
}
validate39.evaluated = {"props":{"path":true,"lines":true,"offset":true,"length":true,"palette":true,"line_styles":true},"dynamicProps":false,"dynamicItems":false};

const schema61 = {"type":"object","required":["text"],"properties":{"text":{"type":"string"},"bold":{"type":"boolean"},"italic":{"type":"boolean"},"underline":{"type":"boolean"},"color":{"$ref":"#/$defs/color"}}};

function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate43.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.text === undefined) && (missing0 = "text")){
validate43.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema61.required,parentSchema:schema61,data}];
return false;
}
else {
if(data.text !== undefined){
let data0 = data.text;
const _errs1 = errors;
if(typeof data0 !== "string"){
validate43.errors = [{instancePath:instancePath+"/text",schemaPath:"#/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.text.type,parentSchema:schema61.properties.text,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.bold !== undefined){
let data1 = data.bold;
const _errs3 = errors;
if(typeof data1 !== "boolean"){
validate43.errors = [{instancePath:instancePath+"/bold",schemaPath:"#/properties/bold/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.bold.type,parentSchema:schema61.properties.bold,data:data1}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.italic !== undefined){
let data2 = data.italic;
const _errs5 = errors;
if(typeof data2 !== "boolean"){
validate43.errors = [{instancePath:instancePath+"/italic",schemaPath:"#/properties/italic/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.italic.type,parentSchema:schema61.properties.italic,data:data2}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.underline !== undefined){
let data3 = data.underline;
const _errs7 = errors;
if(typeof data3 !== "boolean"){
validate43.errors = [{instancePath:instancePath+"/underline",schemaPath:"#/properties/underline/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.underline.type,parentSchema:schema61.properties.underline,data:data3}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.color !== undefined){
let data4 = data.color;
const _errs9 = errors;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data4 === "string"){
if(!pattern11.test(data4)){
validate43.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f]{6}$"},message:"must match pattern \""+"^[0-9A-Fa-f]{6}$"+"\"",schema:"^[0-9A-Fa-f]{6}$",parentSchema:schema45,data:data4}];
return false;
}
}
else {
validate43.errors = [{instancePath:instancePath+"/color",schemaPath:"#/$defs/color/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.type,parentSchema:schema45,data:data4}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate43.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.type,parentSchema:schema61,data}];
return false;
}
}
validate43.errors = vErrors;
return errors === 0;
}
validate43.evaluated = {"props":{"text":true,"bold":true,"italic":true,"underline":true,"color":true},"dynamicProps":false,"dynamicItems":false};

const pattern17 = new RegExp("^[0-9]+$", "u");

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.body === undefined) && (missing0 = "body")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.body !== undefined){
const _errs4 = errors;
if(!(validate39(data.body, {instancePath:instancePath+"/body",parentData:data,parentDataProperty:"body",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
var valid1 = _errs4 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.lines !== undefined){
const _errs5 = errors;
validate38.errors = [{instancePath:instancePath+"/lines",schemaPath:"#/then/properties/lines/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema55.then.properties.lines.not,parentSchema:schema55.then.properties.lines,data:data.lines}];
return false;
var valid1 = _errs5 === errors;
}
else {
var valid1 = true;
}
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
if(valid0){
var props0 = {};
props0.body = true;
props0.lines = true;
}
ifClause0 = "then";
}
else {
const _errs7 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.text === undefined) && (missing1 = "text")){
validate38.errors = [{instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'",schema:schema55.else.required,parentSchema:schema55.else,data}];
return false;
}
else {
if(data.text !== undefined){
let data2 = data.text;
if(typeof data2 !== "string"){
validate38.errors = [{instancePath:instancePath+"/text",schemaPath:"#/else/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.else.properties.text.type,parentSchema:schema55.else.properties.text,data:data2}];
return false;
}
}
}
}
var _valid0 = _errs7 === errors;
valid0 = _valid0;
if(valid0){
if(props0 !== true){
props0 = props0 || {};
props0.text = true;
}
}
ifClause0 = "else";
}
if(!valid0){
const err1 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema55.if,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
validate38.errors = vErrors;
return false;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.language = true;
props0.anchors = true;
props0.lines = true;
}
if(data.type !== undefined){
let data3 = data.type;
const _errs10 = errors;
if("code" !== data3){
validate38.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "code"},message:"must be equal to constant",schema:"code",parentSchema:schema55.properties.type,data:data3}];
return false;
}
var valid3 = _errs10 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data.language !== undefined){
let data4 = data.language;
const _errs11 = errors;
if((typeof data4 !== "string") && (data4 !== null)){
validate38.errors = [{instancePath:instancePath+"/language",schemaPath:"#/properties/language/type",keyword:"type",params:{type: schema55.properties.language.type},message:"must be string,null",schema:schema55.properties.language.type,parentSchema:schema55.properties.language,data:data4}];
return false;
}
var valid3 = _errs11 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data.anchors !== undefined){
let data5 = data.anchors;
const _errs13 = errors;
if(errors === _errs13){
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key0 in data5){
const _errs15 = errors;
if(typeof key0 === "string"){
if(!pattern17.test(key0)){
const err2 = {instancePath:instancePath+"/anchors",schemaPath:"#/properties/anchors/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[0-9]+$"},message:"must match pattern \""+"^[0-9]+$"+"\"",schema:"^[0-9]+$",parentSchema:schema55.properties.anchors.propertyNames,data:key0,propertyName:key0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var valid4 = _errs15 === errors;
if(!valid4){
const err3 = {instancePath:instancePath+"/anchors",schemaPath:"#/properties/anchors/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema55.properties.anchors.propertyNames,parentSchema:schema55.properties.anchors,data:data5};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate38.errors = vErrors;
return false;
break;
}
}
if(valid4){
for(const key1 in data5){
let data6 = data5[key1];
const _errs17 = errors;
const _errs18 = errors;
if(errors === _errs18){
if(typeof data6 === "string"){
if(!pattern5.test(data6)){
validate38.errors = [{instancePath:instancePath+"/anchors/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data6}];
return false;
}
}
else {
validate38.errors = [{instancePath:instancePath+"/anchors/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data6}];
return false;
}
}
var valid5 = _errs17 === errors;
if(!valid5){
break;
}
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/anchors",schemaPath:"#/properties/anchors/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.properties.anchors.type,parentSchema:schema55.properties.anchors,data:data5}];
return false;
}
}
var valid3 = _errs13 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data.lines !== undefined){
let data7 = data.lines;
const _errs20 = errors;
if(errors === _errs20){
if(Array.isArray(data7)){
var valid7 = true;
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
const _errs22 = errors;
if(errors === _errs22){
if(Array.isArray(data8)){
var valid8 = true;
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
const _errs24 = errors;
if(!(validate43(data8[i1], {instancePath:instancePath+"/lines/" + i0+"/" + i1,parentData:data8,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
var valid8 = _errs24 === errors;
if(!valid8){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/lines/" + i0,schemaPath:"#/properties/lines/items/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.lines.items.type,parentSchema:schema55.properties.lines.items,data:data8}];
return false;
}
}
var valid7 = _errs22 === errors;
if(!valid7){
break;
}
}
}
else {
validate38.errors = [{instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.lines.type,parentSchema:schema55.properties.lines,data:data7}];
return false;
}
}
var valid3 = _errs20 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
else {
validate38.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data}];
return false;
}
}
validate38.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate38.evaluated = {"dynamicProps":true,"dynamicItems":false};

const schema63 = {"type":"object","required":["ordered","items"],"properties":{"type":{"const":"list"},"ordered":{"type":"boolean"},"start":{"type":["integer","null"],"minimum":0,"x-expected":"a non-negative integer"},"items":{"type":"array","items":{"$ref":"#/$defs/listItem"}}}};
const schema64 = {"type":"object","required":["blocks"],"properties":{"checked":{"type":"boolean"},"blocks":{"$ref":"#/$defs/blocks"}}};
const wrapper0 = {validate: validate23};

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate46.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.blocks === undefined) && (missing0 = "blocks")){
validate46.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema64.required,parentSchema:schema64,data}];
return false;
}
else {
if(data.checked !== undefined){
let data0 = data.checked;
const _errs1 = errors;
if(typeof data0 !== "boolean"){
validate46.errors = [{instancePath:instancePath+"/checked",schemaPath:"#/properties/checked/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema64.properties.checked.type,parentSchema:schema64.properties.checked,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.blocks !== undefined){
const _errs3 = errors;
if(!(wrapper0.validate(data.blocks, {instancePath:instancePath+"/blocks",parentData:data,parentDataProperty:"blocks",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate46.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema64.type,parentSchema:schema64,data}];
return false;
}
}
validate46.errors = vErrors;
return errors === 0;
}
validate46.evaluated = {"props":{"checked":true,"blocks":true},"dynamicProps":false,"dynamicItems":false};


function validate45(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate45.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.ordered === undefined) && (missing0 = "ordered")) || ((data.items === undefined) && (missing0 = "items"))){
validate45.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema63.required,parentSchema:schema63,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs1 = errors;
if("list" !== data0){
validate45.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "list"},message:"must be equal to constant",schema:"list",parentSchema:schema63.properties.type,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ordered !== undefined){
let data1 = data.ordered;
const _errs2 = errors;
if(typeof data1 !== "boolean"){
validate45.errors = [{instancePath:instancePath+"/ordered",schemaPath:"#/properties/ordered/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema63.properties.ordered.type,parentSchema:schema63.properties.ordered,data:data1}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.start !== undefined){
let data2 = data.start;
const _errs4 = errors;
if((!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))) && (data2 !== null)){
validate45.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/type",keyword:"type",params:{type: schema63.properties.start.type},message:"must be integer,null",schema:schema63.properties.start.type,parentSchema:schema63.properties.start,data:data2}];
return false;
}
if(errors === _errs4){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
validate45.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema63.properties.start,data:data2}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.items !== undefined){
let data3 = data.items;
const _errs6 = errors;
if(errors === _errs6){
if(Array.isArray(data3)){
var valid1 = true;
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
const _errs8 = errors;
if(!(validate46(data3[i0], {instancePath:instancePath+"/items/" + i0,parentData:data3,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
var valid1 = _errs8 === errors;
if(!valid1){
break;
}
}
}
else {
validate45.errors = [{instancePath:instancePath+"/items",schemaPath:"#/properties/items/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema63.properties.items.type,parentSchema:schema63.properties.items,data:data3}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate45.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data}];
return false;
}
}
validate45.errors = vErrors;
return errors === 0;
}
validate45.evaluated = {"props":{"type":true,"ordered":true,"start":true,"items":true},"dynamicProps":false,"dynamicItems":false};

const schema65 = {"type":"object","required":["align","header","rows"],"properties":{"type":{"const":"table"},"caption":{"type":"string"},"header_row":{"type":"boolean","description":"false: the table has no header row ('header' only gives the columns, empty cells, not shown); default true"},"align":{"type":"array","items":{"enum":["left","center","right",null],"x-expected":"\"left\", \"center\", \"right\" or null"}},"header":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/runs"},"x-messages":{"minItems":"a table needs at least one column"}},"rows":{"type":"array","items":{"type":"array","items":{"$ref":"#/$defs/runs"}}}}};

function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate48.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.align === undefined) && (missing0 = "align")) || ((data.header === undefined) && (missing0 = "header"))) || ((data.rows === undefined) && (missing0 = "rows"))){
validate48.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema65.required,parentSchema:schema65,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs1 = errors;
if("table" !== data0){
validate48.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "table"},message:"must be equal to constant",schema:"table",parentSchema:schema65.properties.type,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.caption !== undefined){
let data1 = data.caption;
const _errs2 = errors;
if(typeof data1 !== "string"){
validate48.errors = [{instancePath:instancePath+"/caption",schemaPath:"#/properties/caption/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.properties.caption.type,parentSchema:schema65.properties.caption,data:data1}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.header_row !== undefined){
let data2 = data.header_row;
const _errs4 = errors;
if(typeof data2 !== "boolean"){
validate48.errors = [{instancePath:instancePath+"/header_row",schemaPath:"#/properties/header_row/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema65.properties.header_row.type,parentSchema:schema65.properties.header_row,data:data2}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.align !== undefined){
let data3 = data.align;
const _errs6 = errors;
if(errors === _errs6){
if(Array.isArray(data3)){
var valid1 = true;
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
const _errs8 = errors;
if(!((((data4 === "left") || (data4 === "center")) || (data4 === "right")) || (data4 === null))){
validate48.errors = [{instancePath:instancePath+"/align/" + i0,schemaPath:"#/properties/align/items/enum",keyword:"enum",params:{allowedValues: schema65.properties.align.items.enum},message:"must be equal to one of the allowed values",schema:schema65.properties.align.items.enum,parentSchema:schema65.properties.align.items,data:data4}];
return false;
}
var valid1 = _errs8 === errors;
if(!valid1){
break;
}
}
}
else {
validate48.errors = [{instancePath:instancePath+"/align",schemaPath:"#/properties/align/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.align.type,parentSchema:schema65.properties.align,data:data3}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.header !== undefined){
let data5 = data.header;
const _errs9 = errors;
if(errors === _errs9){
if(Array.isArray(data5)){
if(data5.length < 1){
validate48.errors = [{instancePath:instancePath+"/header",schemaPath:"#/properties/header/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema65.properties.header,data:data5}];
return false;
}
else {
var valid2 = true;
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
const _errs11 = errors;
if(!(validate26(data5[i1], {instancePath:instancePath+"/header/" + i1,parentData:data5,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid2 = _errs11 === errors;
if(!valid2){
break;
}
}
}
}
else {
validate48.errors = [{instancePath:instancePath+"/header",schemaPath:"#/properties/header/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.header.type,parentSchema:schema65.properties.header,data:data5}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.rows !== undefined){
let data7 = data.rows;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data7)){
var valid3 = true;
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
let data8 = data7[i2];
const _errs14 = errors;
if(errors === _errs14){
if(Array.isArray(data8)){
var valid4 = true;
const len3 = data8.length;
for(let i3=0; i3<len3; i3++){
const _errs16 = errors;
if(!(validate26(data8[i3], {instancePath:instancePath+"/rows/" + i2+"/" + i3,parentData:data8,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid4 = _errs16 === errors;
if(!valid4){
break;
}
}
}
else {
validate48.errors = [{instancePath:instancePath+"/rows/" + i2,schemaPath:"#/properties/rows/items/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.rows.items.type,parentSchema:schema65.properties.rows.items,data:data8}];
return false;
}
}
var valid3 = _errs14 === errors;
if(!valid3){
break;
}
}
}
else {
validate48.errors = [{instancePath:instancePath+"/rows",schemaPath:"#/properties/rows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.rows.type,parentSchema:schema65.properties.rows,data:data7}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate48.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.type,parentSchema:schema65,data}];
return false;
}
}
validate48.errors = vErrors;
return errors === 0;
}
validate48.evaluated = {"props":{"type":true,"caption":true,"header_row":true,"align":true,"header":true,"rows":true},"dynamicProps":false,"dynamicItems":false};

const schema66 = {"type":"object","required":["blocks"],"properties":{"type":{"const":"quote"},"blocks":{"$ref":"#/$defs/blocks"}}};

function validate51(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate51.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.blocks === undefined) && (missing0 = "blocks")){
validate51.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema66.required,parentSchema:schema66,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs1 = errors;
if("quote" !== data0){
validate51.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "quote"},message:"must be equal to constant",schema:"quote",parentSchema:schema66.properties.type,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.blocks !== undefined){
const _errs2 = errors;
if(!(wrapper0.validate(data.blocks, {instancePath:instancePath+"/blocks",parentData:data,parentDataProperty:"blocks",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate51.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.type,parentSchema:schema66,data}];
return false;
}
}
validate51.errors = vErrors;
return errors === 0;
}
validate51.evaluated = {"props":{"type":true,"blocks":true},"dynamicProps":false,"dynamicItems":false};


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
validate24.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema38.required,parentSchema:schema38,data}];
return false;
}
else {
if(data.type !== undefined){
let data0 = data.type;
const _errs2 = errors;
if(typeof data0 !== "string"){
validate24.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.type.type,parentSchema:schema38.properties.type,data:data0}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.lang !== undefined){
let data1 = data.lang;
const _errs4 = errors;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
validate24.errors = [{instancePath:instancePath+"/lang",schemaPath:"#/$defs/lang/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},message:"must match pattern \""+"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"+"\"",schema:"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",parentSchema:schema33,data:data1}];
return false;
}
}
else {
validate24.errors = [{instancePath:instancePath+"/lang",schemaPath:"#/$defs/lang/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data1}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
const tag0 = data.type;
if(typeof tag0 == "string"){
if(tag0 === "heading"){
if(!(validate25(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
var props0 = {};
props0.type = true;
props0.level = true;
props0.id = true;
props0.runs = true;
props0.lang = true;
}
else if(tag0 === "paragraph"){
if(!(validate36(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.runs = true;
props0.align = true;
}
}
else if(tag0 === "code"){
if(!(validate38(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
else {
var props1 = validate38.evaluated.props;
}
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
}
else if(tag0 === "list"){
if(!(validate45(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.ordered = true;
props0.start = true;
props0.items = true;
}
}
else if(tag0 === "table"){
if(!(validate48(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.caption = true;
props0.header_row = true;
props0.align = true;
props0.header = true;
props0.rows = true;
}
}
else if(tag0 === "quote"){
if(!(validate51(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate51.errors : vErrors.concat(validate51.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.blocks = true;
}
}
else if(tag0 === "rule"){
const _errs14 = errors;
if(errors === _errs14){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
let data2 = data.type;
if("rule" !== data2){
validate24.errors = [{instancePath:instancePath+"/type",schemaPath:"#/$defs/rule/properties/type/const",keyword:"const",params:{allowedValue: "rule"},message:"must be equal to constant",schema:"rule",parentSchema:schema67.properties.type,data:data2}];
return false;
}
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/$defs/rule/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data}];
return false;
}
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
}
}
else if(tag0 === "html"){
const _errs18 = errors;
if(errors === _errs18){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.text === undefined) && (missing1 = "text")){
validate24.errors = [{instancePath,schemaPath:"#/$defs/html/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'",schema:schema68.required,parentSchema:schema68,data}];
return false;
}
else {
if(data.type !== undefined){
let data3 = data.type;
const _errs20 = errors;
if("html" !== data3){
validate24.errors = [{instancePath:instancePath+"/type",schemaPath:"#/$defs/html/properties/type/const",keyword:"const",params:{allowedValue: "html"},message:"must be equal to constant",schema:"html",parentSchema:schema68.properties.type,data:data3}];
return false;
}
var valid14 = _errs20 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data.text !== undefined){
let data4 = data.text;
const _errs21 = errors;
if(typeof data4 !== "string"){
validate24.errors = [{instancePath:instancePath+"/text",schemaPath:"#/$defs/html/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.text.type,parentSchema:schema68.properties.text,data:data4}];
return false;
}
var valid14 = _errs21 === errors;
}
else {
var valid14 = true;
}
}
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/$defs/html/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.type,parentSchema:schema68,data}];
return false;
}
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
props0.text = true;
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema38.discriminator,parentSchema:schema38,data}];
return false;
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema38.discriminator,parentSchema:schema38,data}];
return false;
}
}
}
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data}];
return false;
}
}
validate24.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate24.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(Array.isArray(data)){
var valid0 = true;
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
const _errs1 = errors;
if(!(validate24(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
var valid0 = _errs1 === errors;
if(!valid0){
break;
}
}
}
else {
validate23.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.type,parentSchema:schema37,data}];
return false;
}
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};

const schema69 = {"type":"object","required":["id","blocks"],"properties":{"id":{"$ref":"#/$defs/nonEmptyString","description":"unique among the footnotes"},"blocks":{"$ref":"#/$defs/blocks"}}};

function validate60(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate60.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.id === undefined) && (missing0 = "id")) || ((data.blocks === undefined) && (missing0 = "blocks"))){
validate60.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema69.required,parentSchema:schema69,data}];
return false;
}
else {
if(data.id !== undefined){
let data0 = data.id;
const _errs1 = errors;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate60.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/nonEmptyString/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema34,data:data0}];
return false;
}
}
else {
validate60.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/nonEmptyString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.blocks !== undefined){
const _errs4 = errors;
if(!(validate23(data.blocks, {instancePath:instancePath+"/blocks",parentData:data,parentDataProperty:"blocks",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate60.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.type,parentSchema:schema69,data}];
return false;
}
}
validate60.errors = vErrors;
return errors === 0;
}
validate60.evaluated = {"props":{"id":true,"blocks":true},"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.schema === undefined) && (missing0 = "schema")) || ((data.meta === undefined) && (missing0 = "meta"))) || ((data.blocks === undefined) && (missing0 = "blocks"))){
validate20.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'",schema:schema31.required,parentSchema:schema31,data}];
return false;
}
else {
if(data.schema !== undefined){
let data0 = data.schema;
const _errs1 = errors;
if(1 !== data0){
validate20.errors = [{instancePath:instancePath+"/schema",schemaPath:"#/properties/schema/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.schema,data:data0}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.meta !== undefined){
const _errs2 = errors;
if(!(validate21(data.meta, {instancePath:instancePath+"/meta",parentData:data,parentDataProperty:"meta",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.blocks !== undefined){
const _errs3 = errors;
if(!(validate23(data.blocks, {instancePath:instancePath+"/blocks",parentData:data,parentDataProperty:"blocks",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.footnotes !== undefined){
let data3 = data.footnotes;
const _errs4 = errors;
if(errors === _errs4){
if(Array.isArray(data3)){
var valid1 = true;
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
const _errs6 = errors;
if(!(validate60(data3[i0], {instancePath:instancePath+"/footnotes/" + i0,parentData:data3,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate60.errors : vErrors.concat(validate60.errors);
errors = vErrors.length;
}
var valid1 = _errs6 === errors;
if(!valid1){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/footnotes",schemaPath:"#/properties/footnotes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.footnotes.type,parentSchema:schema31.properties.footnotes,data:data3}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate20.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data}];
return false;
}
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":{"schema":true,"meta":true,"blocks":true,"footnotes":true},"dynamicProps":false,"dynamicItems":false};

