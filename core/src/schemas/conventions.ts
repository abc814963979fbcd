/**
 * Conventions every replicated document follows (ARCHITECTURE.md §3): plain JSON, camelCase, primary key
 * `id` (at most 64 characters; transactions use a UUIDv7 made on the device), and a `storeId` that decides
 * which store's devices receive it. Chain-wide master data uses the reserved store id `'*'`.
 */
export const CHAIN_WIDE = '*';

export const ID_MAX_LENGTH = 64;

/**
 * The subset of an RxDB JSON schema (`RxJsonSchema`) the registry relies on. RxDB's rules apply: indexed
 * strings carry `maxLength`, indexed integers carry `minimum`, `maximum` and `multipleOf`.
 */
export type DocumentSchema = {
  readonly title?: string;
  readonly description?: string;
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: { readonly [field: string]: unknown };
  readonly required?: readonly string[];
  /** Kind-specific rules (`if`/`then`/`else`) of a collection holding several kinds of document. */
  readonly allOf?: readonly unknown[];
  readonly indexes?: readonly (string | readonly string[])[];
  readonly additionalProperties?: boolean;
};

/** Fragments shared by the schema files of this folder, so every collection spells them the same way. */
export const idProperty = { type: 'string', maxLength: ID_MAX_LENGTH } as const;
export const epochMsProperty = {
  type: 'integer',
  minimum: 0,
  maximum: 8_640_000_000_000_000,
  multipleOf: 1,
} as const;
export const deviceSequenceProperty = {
  type: 'integer',
  minimum: 1,
  maximum: Number.MAX_SAFE_INTEGER,
  multipleOf: 1,
} as const;
export const currencyProperty = { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 } as const;
export const minorUnitsProperty = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
