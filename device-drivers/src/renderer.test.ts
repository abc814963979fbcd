import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Follows relative imports from a file and returns every bare (package or node:) import reached. */
async function bareImports(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    const spec = match[1] ?? '';
    if (spec.startsWith('.')) {
      for (const inner of await bareImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen))
        found.add(inner);
    } else found.add(spec);
  }
  return found;
}

describe('renderer entry point', () => {
  it('reaches no Node-only module', async () => {
    const imports = await bareImports(resolve(here, 'renderer.ts'));
    expect([...imports].sort()).toEqual(['@storefloor/core', '@zxing/library']);
  });

  it('loads and decodes a wedge scan', async () => {
    const { WedgeDecoder } = await import('@storefloor/device-drivers/renderer');
    const d = new WedgeDecoder();
    const outcomes = [...'96385074', 'Enter'].map((key, i) => d.push({ key, at: i * 2 }));
    expect(outcomes.at(-1)).toMatchObject({
      kind: 'scan',
      result: { ok: true, value: { code: '96385074' } },
    });
  });
});
