export type { DemoMember } from './demo-members.js';
export type { DemoProduct } from './demo-products.js';
export { type DemoShelfLabel, demoShelfLabels } from './demo-shelf-labels.js';
export { DEMO_SIGN_INS, type DemoEmployee, type DemoSignIn, demoSignIns } from './demo-staff.js';
export {
  DEFAULT_DEMO_SEED,
  type DemoSupermarket,
  type DemoSupermarketOptions,
  demoSupermarket,
} from './demo-supermarket.js';
export {
  DemoSeedError,
  type SeedCount,
  type SeedDemoStoreOptions,
  type SeedDemoStoreResult,
  seedDemoStore,
} from './seed-demo-store.js';
export { writeDemoImportFiles } from './write-demo-files.js';
