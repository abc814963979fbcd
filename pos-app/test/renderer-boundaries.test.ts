import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../src/renderer/i18n/en.js';
import { zhCN } from '../src/renderer/i18n/zh-CN.js';

const ROOT = fileURLToPath(new URL('../src/renderer/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const importsOf = (text: string) =>
  [...text.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({
    typeOnly: Boolean(m[1]),
    from: m[2]!,
  }));

describe('the renderer', () => {
  it('imports nothing Node-only, and device-drivers only as types of its renderer surface', () => {
    const offences: string[] = [];
    for (const file of sources(ROOT)) {
      for (const { typeOnly, from } of importsOf(readFileSync(file, 'utf8'))) {
        const rel = file.slice(ROOT.length);
        if (from.startsWith('node:') || ['ws', 'serialport', 'node-hid', 'usb', 'fastify'].includes(from))
          offences.push(`${rel}: ${from}`);
        if (
          from.startsWith('@storefloor/device-drivers') &&
          !(typeOnly && from === '@storefloor/device-drivers/renderer')
        )
          offences.push(`${rel}: ${from}${typeOnly ? ' (type)' : ''}`);
        if (
          ['@storefloor/sync-server', '@storefloor/hardware-sim', '@storefloor/storage-sqlite'].includes(from)
        )
          offences.push(`${rel}: ${from}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('has every string in both languages, none empty, and no text written into a component', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    const values = (o: object): string[] =>
      Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v]));
    expect(values(zhCN).filter((v) => v.trim() === '')).toEqual([]);
    // Text directly inside an element (<p>Total</p>) is a hard-coded string: it must come from t().
    const hardCoded = sources(ROOT)
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) =>
        [
          ...readFileSync(f, 'utf8').matchAll(
            /<[a-z][a-z0-9]*(?:\s[^<>]*)?>([^<>{}\n]*[A-Za-z\u4e00-\u9fff][^<>{}\n]*)</g,
          ),
        ].map((m) => `${f.slice(ROOT.length)}: ${m[1]}`),
      );
    expect(hardCoded).toEqual([]);
  });
});
