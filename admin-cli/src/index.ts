export type { CliIo } from './cli-io.js';
export { CliFailure, EXIT_FAILED, EXIT_ROWS_REJECTED } from './cli-io.js';
export type { HqClientOptions, HqResult } from './hq-client.js';
export { HqClient } from './hq-client.js';
export { connectHq, DEFAULT_HQ_URL } from './hq-connection.js';
export type {
  ImportFileOptions,
  ImportFileOutcome,
  ImportKindName,
  ImportReport,
  RejectedRow,
} from './import-file.js';
export {
  IMPORT_KINDS,
  importFile,
  mediaTypeOfFile,
  rejectedRowLines,
  rejectedRowsCsv,
} from './import-file.js';
export { runStorefloor } from './storefloor-program.js';
