/**
 * What a streaming reader yields for each piece of an import file. Readers never throw for bad input:
 * a row they cannot read is `rejected`, a file they cannot read any further is `fatal` (and the last item).
 */
export type ImportFatalCode =
  | 'import-malformed'
  | 'import-too-large'
  | 'import-bad-header'
  | 'import-aborted';

export type ImportItem =
  | { readonly type: 'header'; readonly line: number; readonly columns: readonly string[] }
  | { readonly type: 'record'; readonly line: number; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly type: 'rejected'; readonly line: number; readonly reason: string; readonly field?: string }
  | {
      readonly type: 'fatal';
      readonly code: ImportFatalCode;
      readonly message: string;
      readonly line?: number;
    };
