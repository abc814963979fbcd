import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import type { HqClient, HqResult } from './hq-client.js';

/** The kinds HQ's `POST /api/admin/import/:kind` accepts (sync-server README, endpoint table). */
export const IMPORT_KINDS = [
  'products',
  'prices',
  'promotions',
  'tax-rates',
  'members',
  'employees',
] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
  readonly field?: string;
}

/** HQ's import report (sync-server `ImportReport`). */
export interface ImportReport {
  readonly importId: string;
  readonly kind: string;
  readonly mode: string;
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejectedCount: number;
  readonly rejected: readonly RejectedRow[];
  readonly rejectedTruncated: boolean;
}

export interface ImportFileOptions {
  readonly kind: ImportKindName;
  readonly file: string;
  readonly storeId?: string;
  readonly currency?: string;
  readonly allOrNothing?: boolean;
  /** Called as bytes of the file go out: sent so far, file size. */
  readonly onProgress?: (sent: number, total: number) => void;
}

export type ImportFileOutcome =
  | { readonly ok: true; readonly file: string; readonly report: ImportReport }
  | {
      readonly ok: false;
      readonly file: string;
      readonly code: string;
      readonly message: string;
      /** Present when HQ read the file and refused it (all-or-nothing, a bad header): what it found. */
      readonly report?: ImportReport;
    };

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
};

/** The media type HQ needs for a file, from its extension; undefined for an extension HQ does not read. */
export function mediaTypeOfFile(file: string): string | undefined {
  return MEDIA_TYPES[extname(file).toLowerCase()];
}

/**
 * Streams one file to HQ's import route (never read whole into memory: HQ parses it as it arrives, so the
 * bytes sent are also the rows read) and returns HQ's report.
 */
export async function importFile(hq: HqClient, options: ImportFileOptions): Promise<ImportFileOutcome> {
  const { file } = options;
  const mediaType = mediaTypeOfFile(file);
  if (mediaType === undefined) {
    return {
      ok: false,
      file,
      code: 'unsupported-file-type',
      message: `${file}: name a .csv, .json (an array) or .ndjson/.jsonl file`,
    };
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, file, code: 'file-unreadable', message: `${file} is not a file` };
    size = info.size;
  } catch (error) {
    return {
      ok: false,
      file,
      code: 'file-unreadable',
      message: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      options.onProgress?.(sent, size);
      done(null, chunk);
    },
  });
  const source = createReadStream(file);
  source.on('error', (error) => counter.destroy(error));
  source.pipe(counter);

  const query = new URLSearchParams();
  if (options.allOrNothing) query.set('mode', 'all-or-nothing');
  if (options.storeId !== undefined) query.set('storeId', options.storeId);
  if (options.currency !== undefined) query.set('currency', options.currency);
  const path = `/api/admin/import/${options.kind}${query.size > 0 ? `?${query}` : ''}`;
  const answer: HqResult<ImportReport> = await hq.upload<ImportReport>(path, counter, mediaType);
  if (answer.ok) return { ok: true, file, report: answer.value };
  const report = (answer.body as { report?: ImportReport } | undefined)?.report;
  return {
    ok: false,
    file,
    code: answer.code,
    message: answer.message,
    ...(report === undefined ? {} : { report }),
  };
}

/** `file:line: field: reason`, one line per rejected row, as compilers name a place in a file. */
export function rejectedRowLines(file: string, report: ImportReport): string[] {
  const name = file;
  const lines = report.rejected.map(
    (row) => `${name}:${row.line}: ${row.field === undefined ? '' : `${row.field}: `}${row.reason}`,
  );
  if (report.rejectedTruncated) {
    lines.push(
      `${name}: … ${report.rejectedCount - report.rejected.length} more rejected row(s) not listed by HQ`,
    );
  }
  return lines;
}

/** The rejected-rows report as CSV (file, line, field, reason), for a spreadsheet. */
export function rejectedRowsCsv(outcomes: readonly { file: string; report?: ImportReport }[]): string {
  const quote = (value: string): string =>
    /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const rows = ['file,line,field,reason'];
  for (const { file, report } of outcomes) {
    for (const row of report?.rejected ?? []) {
      rows.push([file, String(row.line), row.field ?? '', row.reason].map(quote).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}
