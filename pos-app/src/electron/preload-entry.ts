import type { ElectronPreloadApi } from './electron-api.js';
import { exposeLaneBridge } from './preload.js';

// A sandboxed preload may require only 'electron' (and a few polyfilled modules), so it is bundled as one file.
declare const require: (id: string) => unknown;
exposeLaneBridge(require('electron') as ElectronPreloadApi);
