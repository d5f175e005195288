// The document-making half of the templates, loaded on demand by cli/commands/sheets.ts (keeps text keys fast to start).
export { MarkdownError, markdownToHtml } from "./markdown.js";
export { MissingDependencyError } from "./pdf.js";
export { renderKeys, renderWorksheets } from "./render.js";
export { sheetView } from "./viewmodel.js";
export { typstFonts, typstKeys, typstPdf, typstWorksheets } from "./typst.js";
