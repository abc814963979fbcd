import { dirname } from 'node:path';
import type { DeviceHost } from '@storefloor/device-drivers';
import { createLaneDeviceHost } from '../host/lane-host.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL_PREFIX, appProtocolHandler } from './app-protocol.js';
import { DEVICES_CHANNEL, LANE_CONFIG_CHANNEL } from './channels.js';
import type { BrowserWindowLike, ElectronMainApi } from './electron-api.js';
import { isFromLaneWindow, LANE_CSP, lockDownWindow } from './security.js';

export interface ElectronLaneOptions {
  /** dist/renderer/index.html of the Vite build; its folder is served as app://lane/. */
  readonly rendererIndex: string;
  readonly preload: string;
  /** The lane's device config (device-drivers `parseDeviceConfig` form). */
  readonly devices: unknown;
  readonly upstreamUrl: string;
  /** Full-screen kiosk: no window frame, no way out but the app. */
  readonly kiosk?: boolean;
}

export interface ElectronLane {
  readonly window: BrowserWindowLike;
  readonly host: DeviceHost;
}

/**
 * The Electron main process of a lane, thin: the lane device host runs here and talks to the renderer over
 * IPC through the preload (context isolation, sandbox, no Node in the page); everything else is the same
 * renderer the browser runs.
 */
export async function startElectronLane(
  electron: ElectronMainApi,
  options: ElectronLaneOptions,
): Promise<ElectronLane> {
  const { app, BrowserWindow, ipcMain, protocol } = electron;
  // Before ready, as Electron requires: the page's origin is app://lane, never file:.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  await app.whenReady();
  protocol.handle(
    APP_SCHEME,
    appProtocolHandler({
      rendererDir: dirname(options.rendererIndex),
      upstreamUrl: options.upstreamUrl,
      headers: { 'Content-Security-Policy': LANE_CSP },
    }),
  );
  const host = createLaneDeviceHost(options.devices);
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    kiosk: options.kiosk === true,
    fullscreen: options.kiosk === true,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  const appDir = APP_URL_PREFIX;
  const contents = window.webContents;
  lockDownWindow(contents, appDir);

  const session = host.connect();
  session.onMessage((message) => contents.send(DEVICES_CHANNEL, message));
  ipcMain.on(DEVICES_CHANNEL, (event, request) => {
    if (isFromLaneWindow(event, contents, appDir)) void session.send(request);
  });
  ipcMain.handle(LANE_CONFIG_CHANNEL, (event) =>
    // The renderer reaches its upstream through app://lane/hq, which the protocol handler forwards.
    isFromLaneWindow(event, contents, appDir) ? { upstreamUrl: '/hq' } : undefined,
  );
  contents.once('destroyed', () => void session.close());
  app.on('window-all-closed', () => {
    void host.shutdown().finally(() => app.quit());
  });
  await window.loadURL(`${APP_URL_PREFIX}index.html`);
  return { window, host };
}
