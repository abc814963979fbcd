import { pathToFileURL } from 'node:url';
import type { DeviceHost } from '@storefloor/device-drivers';
import { createLaneDeviceHost } from '../host/lane-host.js';
import { DEVICES_CHANNEL, LANE_CONFIG_CHANNEL } from './channels.js';
import type { BrowserWindowLike, ElectronMainApi } from './electron-api.js';
import { isFromLaneWindow, lockDownWindow } from './security.js';

export interface ElectronLaneOptions {
  /** dist/renderer/index.html of the Vite build. */
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
  const { app, BrowserWindow, ipcMain } = electron;
  await app.whenReady();
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
  const appUrl = pathToFileURL(options.rendererIndex).href;
  const appDir = appUrl.slice(0, appUrl.lastIndexOf('/') + 1);
  const contents = window.webContents;
  lockDownWindow(contents, appDir);

  const session = host.connect();
  session.onMessage((message) => contents.send(DEVICES_CHANNEL, message));
  ipcMain.on(DEVICES_CHANNEL, (event, request) => {
    if (isFromLaneWindow(event, contents, appDir)) void session.send(request);
  });
  ipcMain.handle(LANE_CONFIG_CHANNEL, (event) =>
    isFromLaneWindow(event, contents, appDir) ? { upstreamUrl: options.upstreamUrl } : undefined,
  );
  contents.once('destroyed', () => void session.close());
  app.on('window-all-closed', () => {
    void host.shutdown().finally(() => app.quit());
  });
  await window.loadFile(options.rendererIndex);
  return { window, host };
}
