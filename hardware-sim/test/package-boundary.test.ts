import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md §2: hardware-sim imports `core` only, never `device-drivers`, so that a misreading of a
// protocol document has to be made twice, differently, to go unseen. Tests may still run a driver against a
// simulator; everything else in the package is checked here.

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE = /\.(c|m)?[jt]sx?$/;
const isTest = (path: string) => /\.test\.[cm]?[jt]sx?$/.test(path);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: static and dynamic imports, re-exports, import types and require(). */
function importedModules(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Whether a module specifier reaches the drivers, by package name or by a path into their folder. */
function reachesDrivers(specifier: string, fromFile: string): boolean {
  if (specifier === '@storefloor/device-drivers' || specifier.startsWith('@storefloor/device-drivers/'))
    return true;
  if (!specifier.startsWith('.')) return false;
  const target = relative(PACKAGE, join(dirname(fromFile), specifier));
  return target.split(sep).includes('device-drivers');
}

function driverImports(files: string[]): string[] {
  return files.flatMap((file) =>
    importedModules(readFileSync(file, 'utf8'))
      .filter((specifier) => reachesDrivers(specifier, file))
      .map((specifier) => `${relative(PACKAGE, file)} imports ${specifier}`),
  );
}

describe('hardware-sim package boundary (ARCHITECTURE.md §2)', () => {
  it('no non-test file of hardware-sim imports device-drivers', () => {
    const files = [
      ...sourceFiles(join(PACKAGE, 'src')),
      ...sourceFiles(join(PACKAGE, 'bin')),
      ...sourceFiles(join(PACKAGE, 'test')),
    ].filter((file) => !isTest(file));
    expect(files.length).toBeGreaterThan(20);
    expect(driverImports(files)).toEqual([]);
  });

  it('does not list device-drivers as a runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const field of [manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies])
      expect(Object.keys(field ?? {})).not.toContain('@storefloor/device-drivers');
  });

  it('catches every way of importing the drivers (the check checked)', () => {
    const from = join(PACKAGE, 'src', 'payment', 'x.ts');
    const sample = [
      "import { A } from '@storefloor/device-drivers';",
      "import type { B } from '@storefloor/device-drivers';",
      "export { C } from '@storefloor/device-drivers/renderer';",
      "const d = await import('@storefloor/device-drivers');",
      "const e = require('@storefloor/device-drivers');",
      "import f from '../../../device-drivers/src/index.js';",
      "type G = import('@storefloor/device-drivers').DeviceKind;",
      "import { ok } from '@storefloor/core';",
      "import { SimRegistry } from '../registry.js';",
    ].join('\n');
    const flagged = importedModules(sample).filter((s) => reachesDrivers(s, from));
    expect(flagged).toHaveLength(7);
  });
});
