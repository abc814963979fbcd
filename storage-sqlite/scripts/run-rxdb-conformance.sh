#!/usr/bin/env bash
# Runs RxDB's own storage conformance suite (test/unit/rx-storage-implementations.test.ts) against
# @storefloor/rxdb-storage-sqlite, without copying any RxDB code into this repository.
#
#   RXDB_SRC=/path/to/rxdb-checkout bash scripts/run-rxdb-conformance.sh [extra mocha args]
#
# RXDB_SRC must be an RxDB source checkout (or the rxdb npm package with the repository's test/unit files
# added; see README "Conformance"). This script, inside RXDB_SRC only:
#   1. writes test/unit/custom-storage.ts exporting this storage, imported by absolute path;
#   2. writes test/unit/config.ts selecting that storage when the checkout has no config.ts of its own
#      that already supports DEFAULT_STORAGE=custom;
#   3. installs RxDB's runtime dependencies and the test tools there (npm registry), if missing;
#   4. runs the suite with mocha under tsx, DEFAULT_STORAGE=custom.
set -euo pipefail

: "${RXDB_SRC:?set RXDB_SRC to an RxDB checkout}"
RXDB_SRC=$(cd "$RXDB_SRC" && pwd)
PACKAGE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUITE=test/unit/rx-storage-implementations.test.ts
DATA_DIR=${CONFORMANCE_DATA_DIR:-$(mktemp -d -t storefloor-rxdb-conformance-XXXXXX)}

if [[ ! -f "$RXDB_SRC/$SUITE" ]]; then
  echo "no $SUITE in $RXDB_SRC" >&2
  exit 2
fi
if [[ ! -d "$RXDB_SRC/plugins/core" ]]; then
  echo "$RXDB_SRC has no plugins/ folder: build the checkout first (npm run build) or use the npm package layout" >&2
  exit 2
fi

cat >"$RXDB_SRC/test/unit/custom-storage.ts" <<TS
// Written by storefloor storage-sqlite/scripts/run-rxdb-conformance.sh
import { getRxStorageSQLite } from '$PACKAGE_DIR/src/index.ts';

const directory = process.env.STOREFLOOR_SQLITE_DIR ?? '$DATA_DIR';
const storage = getRxStorageSQLite({ directory, synchronous: 'NORMAL' });

export const CUSTOM_STORAGE = {
    name: 'storefloor-sqlite',
    getStorage: () => storage,
    getPerformanceStorage: () => ({ storage, description: 'storefloor-sqlite' }),
    hasPersistence: true,
    hasMultiInstance: true,
    hasAttachments: true,
    hasReplication: true
};
TS

# RxDB's package.json drags in peers (firebase, mongodb, react...) the suite does not touch, so the
# runtime dependencies, rxjs and the test tools are installed into a side folder linked as node_modules.
if [[ ! -f "$RXDB_SRC/node_modules/mocha/package.json" || ! -f "$RXDB_SRC/node_modules/tsx/package.json" ]]; then
  DEPS_DIR="$RXDB_SRC/.conformance-deps"
  mkdir -p "$DEPS_DIR"
  echo '{ "name": "rxdb-conformance-deps", "private": true }' >"$DEPS_DIR/package.json"
  mapfile -t PACKAGES < <(node -e "
    const p = require('$RXDB_SRC/package.json');
    const dev = p.devDependencies ?? {};
    const wanted = { ...p.dependencies, rxjs: p.peerDependencies?.rxjs ?? '7',
      mocha: dev.mocha ?? '11', 'async-test-util': dev['async-test-util'] ?? '2', tsx: dev.tsx ?? '4' };
    for (const [name, range] of Object.entries(wanted)) console.log(name + '@' + range);")
  (cd "$DEPS_DIR" && npm install --no-audit --no-fund --ignore-scripts --legacy-peer-deps "${PACKAGES[@]}")
  if [[ -e "$RXDB_SRC/node_modules" && ! -L "$RXDB_SRC/node_modules" ]]; then
    echo "$RXDB_SRC/node_modules exists but lacks mocha/tsx; install RxDB's dev dependencies there first" >&2
    exit 2
  fi
  ln -sfn "$DEPS_DIR/node_modules" "$RXDB_SRC/node_modules"
fi

# RxDB keeps module-level state (the sub-millisecond now() counter, event bulk ids), so the storage must use
# the very rxdb instance the suite uses. tsx loads the suite as CommonJS (RxDB's package.json declares no
# "type"), so its rxdb is the CommonJS-loaded plugins/core/index.mjs. A resolve hook sends this package's
# rxdb imports (ESM) to a CommonJS shim requiring that same module, and a require hook does the same for
# CommonJS, so both share one instance.
RXDB_EXPORTS=$(node -e "console.log(Object.keys(require('$RXDB_SRC/dist/cjs/index.js')).filter((n) => /^[A-Za-z_\$][\w\$]*\$/.test(n)).join(' '))")
{
  echo '// Written by storefloor storage-sqlite/scripts/run-rxdb-conformance.sh'
  echo "const core = require('../../plugins/core/index.mjs');"
  echo 'module.exports = {'
  for name in $RXDB_EXPORTS; do echo "  $name: core.$name,"; done
  echo '};'
} >"$RXDB_SRC/test/unit/storefloor-rxdb-shim.cjs"
cat >"$RXDB_SRC/test/unit/storefloor-rxdb-hooks.mjs" <<MJS
// Written by storefloor storage-sqlite/scripts/run-rxdb-conformance.sh
const STORAGE_URL = 'file://$PACKAGE_DIR/';
const SHIM_URL = 'file://$RXDB_SRC/test/unit/storefloor-rxdb-shim.cjs';
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'rxdb' && context.parentURL?.startsWith(STORAGE_URL)) {
    return { url: SHIM_URL, format: 'commonjs', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
MJS
cat >"$RXDB_SRC/test/unit/storefloor-rxdb-register.mjs" <<MJS
// Written by storefloor storage-sqlite/scripts/run-rxdb-conformance.sh
import Module, { register } from 'node:module';
register('./storefloor-rxdb-hooks.mjs', import.meta.url);
// Required from the CommonJS suite, the storage's TypeScript is loaded as CommonJS as well; send its
// require('rxdb') to the file the suite itself requires, so the module cache hands both one instance.
const originalResolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'rxdb' && parent?.filename?.startsWith('$PACKAGE_DIR/')) {
    return '$RXDB_SRC/plugins/core/index.mjs';
  }
  return originalResolveFilename.call(this, request, parent, ...rest);
};
MJS

if ! grep -q "describeParallel" "$RXDB_SRC/test/unit/config.ts" 2>/dev/null || ! grep -q "custom-storage" "$RXDB_SRC/test/unit/config.ts"; then
  cat >"$RXDB_SRC/test/unit/config.ts" <<'TS'
// Written by storefloor storage-sqlite/scripts/run-rxdb-conformance.sh: selects the custom storage.
import { setConfig, getConfig } from '../../plugins/test-utils/index.mjs';
import { CUSTOM_STORAGE } from './custom-storage.ts';

if (process.env.DEFAULT_STORAGE !== 'custom') {
    throw new Error('run with DEFAULT_STORAGE=custom');
}
setConfig({ storage: CUSTOM_STORAGE as any });

export const describeParallel: typeof describe = describe;
export default getConfig();
TS
fi

echo "RxDB $(node -p "require('$RXDB_SRC/package.json').version") conformance suite against $PACKAGE_DIR (data in $DATA_DIR)"
cd "$RXDB_SRC"
DEFAULT_STORAGE=custom STOREFLOOR_SQLITE_DIR="$DATA_DIR" node --import tsx \
  --import ./test/unit/storefloor-rxdb-register.mjs node_modules/mocha/bin/mocha.js \
  --timeout 30000 --exit "$@" "$SUITE"
