import { pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { byteLimit } from './byte-limit.js';
import type { ImportItem } from './import-item.js';
import { streamFault } from './stream-fault.js';

type CsvRow = { record: string[]; info: { lines: number } };

/**
 * Streams a CSV body (RFC 4180, first row = header) into import items without holding the body in memory.
 * A row whose field count differs from the header is rejected on its own; a quoting error ends the file.
 * `line` is the 1-based line on which the row starts, as a spreadsheet user would count it.
 */
export async function* csvRecords(body: Readable, limitBytes: number): AsyncGenerator<ImportItem> {
  const rows: AsyncIterable<CsvRow> = pipeline(
    body,
    byteLimit(limitBytes),
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
    () => {},
  );
  let header: string[] | undefined;
  let lastLine = 0;
  try {
    for await (const { record, info } of rows) {
      const line = info.lines - newlinesIn(record);
      lastLine = info.lines;
      if (header === undefined) {
        header = record.map((name) => name.trim());
        yield { type: 'header', line, columns: header };
        continue;
      }
      if (record.length !== header.length) {
        yield {
          type: 'rejected',
          line,
          reason: `column-count: expected ${header.length} fields, found ${record.length}`,
        };
        continue;
      }
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) fields[header[i] as string] = record[i] as string;
      yield { type: 'record', line, fields };
    }
  } catch (error) {
    yield streamFault(error, lastLine + 1);
    return;
  }
  if (header === undefined)
    yield { type: 'fatal', code: 'import-bad-header', message: 'the CSV has no header row' };
}

function newlinesIn(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}
