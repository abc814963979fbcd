import type { FieldParser } from './field-parsers.js';
import { isBlank } from './field-parsers.js';

export interface RowRejection {
  readonly reason: string;
  readonly field?: string;
}

/**
 * Reads typed fields out of one import row, keeping the first failure (with its field name) so that a kind's
 * `toDocument` reads like a description of the row and returns `rejection` when any field was bad.
 */
export class RowFields {
  private firstRejection: RowRejection | undefined;

  constructor(private readonly fields: Readonly<Record<string, unknown>>) {}

  get rejection(): RowRejection | undefined {
    return this.firstRejection;
  }

  required<T>(name: string, parser: FieldParser<T>): T | undefined {
    const value = this.fields[name];
    if (isBlank(value)) {
      this.reject(`missing: ${name} is required`, name);
      return undefined;
    }
    return this.parse(name, value, parser);
  }

  optional<T>(name: string, parser: FieldParser<T>): T | undefined {
    const value = this.fields[name];
    return isBlank(value) ? undefined : this.parse(name, value, parser);
  }

  has(name: string): boolean {
    return !isBlank(this.fields[name]);
  }

  reject(reason: string, field?: string): void {
    if (this.firstRejection) return;
    this.firstRejection = field === undefined ? { reason } : { reason, field };
  }

  private parse<T>(name: string, value: unknown, parser: FieldParser<T>): T | undefined {
    const parsed = parser(value);
    if (parsed.ok) return parsed.value;
    this.reject(parsed.detail ? `${parsed.reason}: ${parsed.detail}` : parsed.reason, name);
    return undefined;
  }
}
