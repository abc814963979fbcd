#!/usr/bin/env node
// The package ships TypeScript sources (no build step): run main.ts through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
