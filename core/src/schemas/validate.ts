import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { err, ok, type Result } from '../result.js';
import {
  type CollectionDocument,
  type CollectionName,
  type CollectionSpec,
  collections,
} from './collections.js';
import { checkInvariants } from './invariants.js';

export type ValidationReason = 'schema-invalid' | 'unknown-collection';

/** RxDB's own schema keywords: not JSON Schema, ignored by the validator. */
const RXDB_KEYWORDS = [
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'encrypted',
  'keyCompression',
  'attachments',
  'final',
  'ref',
  'crdt',
  'sharding',
];

/** RxDB's bookkeeping fields may ride along with a document (e.g. `_deleted` on the replication wire). */
const RXDB_META_PROPERTIES = {
  _deleted: { type: 'boolean' },
  _rev: { type: 'string' },
  _meta: { type: 'object' },
  _attachments: { type: 'object' },
};

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: CollectionSpec['schema']): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  if (!ajv) {
    // As strict as RxDB's own validate-ajv storage, so a schema this accepts also opens in RxDB.
    ajv = new Ajv({ strict: true, allErrors: false });
    addFormats(ajv);
    ajv.addVocabulary(RXDB_KEYWORDS);
  }
  const validate = ajv.compile({ ...schema, properties: { ...schema.properties, ...RXDB_META_PROPERTIES } });
  compiled.set(schema, validate);
  return validate;
}

/** `/includes/0/deviceId` → `includes[0].deviceId`; missing and extra fields name the field itself. */
function fieldPath(error: ErrorObject): string {
  let path = '';
  for (const segment of error.instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(key) ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const field = params.missingProperty ?? params.additionalProperty;
  if (field !== undefined) path += path === '' ? field : `.${field}`;
  return path;
}

function describe(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string };
  if (error.keyword === 'additionalProperties') return `unknown field ${params.additionalProperty}`;
  // A `false` schema in a kind's branch: the field exists in the collection, not for this kind.
  if (error.keyword === 'false schema') return 'not allowed for this kind';
  return error.message ?? error.keyword;
}

/** Validates `doc` against one collection spec (the registry's, or another, e.g. in a migration test). */
export function validateAgainst<D>(spec: CollectionSpec<D>, doc: unknown): Result<D, 'schema-invalid'> {
  const validate = validatorFor(spec.schema);
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    if (!first) return err('schema-invalid', 'invalid document', '');
    const path = fieldPath(first);
    return err('schema-invalid', `${path === '' ? 'document' : path}: ${describe(first)}`, path);
  }
  const broken = checkInvariants(spec.name, spec.kind, doc as Record<string, unknown>);
  if (broken) return err('schema-invalid', `${broken.path}: ${broken.detail}`, broken.path);
  return ok(doc as D);
}

/**
 * Checks a document against its collection's schema and the rules JSON Schema cannot express. Validators
 * compile once per schema, on first use.
 */
export function validateDocument<K extends CollectionName>(
  collection: K,
  doc: unknown,
): Result<CollectionDocument<K>, ValidationReason>;
export function validateDocument(collection: string, doc: unknown): Result<unknown, ValidationReason>;
export function validateDocument(collection: string, doc: unknown): Result<unknown, ValidationReason> {
  if (!Object.hasOwn(collections, collection)) {
    return err('unknown-collection', `no collection named ${JSON.stringify(collection)}`);
  }
  return validateAgainst(collections[collection as CollectionName] as CollectionSpec, doc);
}
