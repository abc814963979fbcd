#!/usr/bin/env node
// There is no build step: load tsx's ESM hooks, then run the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
