import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { byteLimit } from './byte-limit.js';
import type { ImportItem } from './import-item.js';
import { streamFault } from './stream-fault.js';

type CsvRow = { record: string[]; info: { lines: number } };

/**
 * Streams a CSV body (RFC 4180, first row = header) into import items without holding the body in memory.
 * A row whose field count differs from the header is rejected on its own, and so is a row with a bare quote
 * inside an unquoted field (`12" pizza`, RFC 4180 §2.5: a field holding `"` must be quoted and the quote
 * doubled): the parser resumes at the next line. Any other quoting error (an unclosed quoted field swallows
 * the rest of the file) ends the file. `line` is the 1-based line on which the row starts, as a spreadsheet
 * user would count it.
 */
export async function* csvRecords(body: Readable, limitBytes: number): AsyncGenerator<ImportItem> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  // Skipped records, in the order the parser met them; one line may report several bare quotes.
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const rows: AsyncIterable<CsvRow> = pipeline(body, byteLimit(limitBytes), parser, () => {});
  let header: string[] | undefined;
  let lastLine = 0;
  const rejectedLines = new Set<number>();
  function* drainSkipped(): Generator<ImportItem> {
    for (let error = skipped.shift(); error !== undefined; error = skipped.shift()) {
      const line = Number((error as { lines?: unknown }).lines ?? lastLine + 1);
      if (error.code !== 'INVALID_OPENING_QUOTE') throw error;
      if (rejectedLines.has(line)) continue;
      rejectedLines.add(line);
      yield {
        type: 'rejected',
        line,
        reason: 'bare-quote: a field holding " must be quoted, with the quote doubled ("12"" pizza")',
      };
    }
  }
  try {
    for await (const { record, info } of rows) {
      yield* drainSkipped();
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
    yield* drainSkipped();
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as { lines?: unknown }).lines ?? lastLine + 1);
      yield { type: 'fatal', code: 'import-malformed', message: `malformed CSV: ${error.message}`, line };
      return;
    }
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
