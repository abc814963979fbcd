export { csvRecords } from './csv-records.js';
export type { ImportFatalCode, ImportItem } from './import-item.js';
export type { ImportContext, ImportDocument, ImportKind } from './import-kind.js';
export { importKinds } from './import-kinds.js';
export type { ImportRoutesOptions } from './import-routes.js';
export { DEFAULT_IMPORT_BODY_LIMIT, importRoutes } from './import-routes.js';
export { JsonArraySplitter } from './json-array-splitter.js';
export { jsonArrayRecords, ndjsonRecords } from './json-records.js';
export type {
  ImportFailureCode,
  ImportMode,
  ImportOutcome,
  ImportReport,
  RejectedRow,
} from './run-import.js';
export { runImport } from './run-import.js';
