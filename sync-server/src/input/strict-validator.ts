import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

// What Fastify's default compiler sets (lib/schema-controller + @fastify/ajv-compiler), apart from coercion.
const BASE: Options = { removeAdditional: true, useDefaults: true, allErrors: false, addUsedSchema: false };

/**
 * Route schemas are validated with two Ajv instances. Bodies are JSON and keep their JSON types: no coercion,
 * so `batchSize: "0x10"` or `true` and `_deleted: "false"` or `1` are refused instead of silently becoming 16,
 * 1 and false (Fastify's default `coerceTypes: 'array'` would coerce them). Query strings, path parameters and
 * headers arrive as text, so they keep Fastify's coercion (`?staleAfterMinutes=30` is the integer 30).
 */
export function strictBodyValidatorCompiler(): FastifySchemaCompiler<unknown> {
  // Bodies: an unknown field where the schema says `additionalProperties: false` is refused, not dropped.
  const bodies = new Ajv({ ...BASE, coerceTypes: false, removeAdditional: false });
  const text = new Ajv({ ...BASE, coerceTypes: 'array' });
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodies : text;
    return ajv.compile(schema as object);
  };
}
