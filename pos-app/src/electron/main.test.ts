import { describe, expect, it } from 'vitest';
import { DEVICES_CHANNEL, LANE_CONFIG_CHANNEL } from './channels.js';
import type {
  BrowserWindowOptionsLike,
  ElectronMainApi,
  ElectronPreloadApi,
  IpcMainEventLike,
  WebContentsLike,
} from './electron-api.js';
import { startElectronLane } from './main.js';
import { exposeLaneBridge } from './preload.js';
import { LANE_CSP } from './security.js';

/** A fake of the parts of `electron` the shell uses, recording what the shell asked of it. */
function fakeElectron() {
  const sent: { channel: string; message: unknown }[] = [];
  const navigation: Array<(e: { preventDefault(): void }, url: string) => void> = [];
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  let permissionHandler: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
  let headers:
    | ((
        d: { responseHeaders?: Record<string, string[]> },
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | undefined;
  const ipc = new Map<string, (event: IpcMainEventLike, message: unknown) => void>();
  const handlers = new Map<string, (event: IpcMainEventLike) => unknown>();
  const windows: BrowserWindowOptionsLike[] = [];
  const contents: WebContentsLike = {
    send: (channel, message) => sent.push({ channel, message }),
    on: (_event, listener) => navigation.push(listener),
    once: () => {},
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
    session: {
      setPermissionRequestHandler: (h) => {
        permissionHandler = h;
      },
      webRequest: {
        onHeadersReceived: (l) => {
          headers = l;
        },
      },
    },
  };
  let loaded = '';
  let ready = false;
  const schemes: { scheme: string; privileges: Readonly<Record<string, boolean>>; beforeReady: boolean }[] =
    [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const electron: ElectronMainApi = {
    app: {
      whenReady: async () => {
        ready = true;
      },
      on: () => {},
      quit: () => {},
    },
    protocol: {
      registerSchemesAsPrivileged: (list) => {
        for (const s of list) schemes.push({ ...s, beforeReady: !ready });
      },
      handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
    },
    BrowserWindow: class {
      readonly webContents = contents;
      constructor(options: BrowserWindowOptionsLike) {
        windows.push(options);
      }
      async loadURL(url: string) {
        loaded = url;
      }
    },
    ipcMain: {
      on: (channel, listener) => ipc.set(channel, listener),
      handle: (channel, listener) => handlers.set(channel, listener),
    },
  };
  return {
    electron,
    contents,
    sent,
    windows,
    ipc,
    handlers,
    loaded: () => loaded,
    schemes,
    protocolHandlers,
    navigate(url: string) {
      let prevented = false;
      for (const l of navigation) l({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    openHandler: () => openHandler,
    permission: () => permissionHandler,
    headers: () => headers,
  };
}

const OPTIONS = {
  rendererIndex: '/opt/storefloor/dist/renderer/index.html',
  preload: '/opt/storefloor/dist/preload.js',
  devices: { devices: [] },
  upstreamUrl: 'http://127.0.0.1:8780',
};
const APP_URL = 'app://lane/index.html';

describe('the Electron main process', () => {
  it('opens an isolated, sandboxed window without Node, in kiosk mode when asked', async () => {
    const fake = fakeElectron();
    await startElectronLane(fake.electron, { ...OPTIONS, kiosk: true });
    expect(fake.windows[0]).toMatchObject({
      kiosk: true,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      },
    });
    // The page's origin is the lane's own privileged scheme, registered before ready, never file:.
    expect(fake.loaded()).toBe(APP_URL);
    expect(fake.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        beforeReady: true,
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          stream: true,
        }),
      }),
    ]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
  });

  it('locks navigation, new windows and permissions, and sends the strict CSP', async () => {
    const fake = fakeElectron();
    await startElectronLane(fake.electron, OPTIONS);
    expect(fake.navigate('https://evil.example/')).toBe(true);
    expect(fake.navigate(APP_URL)).toBe(false);
    expect(fake.navigate('file:///opt/storefloor/dist/renderer/index.html')).toBe(true);
    expect(fake.openHandler()?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    fake.permission()?.(undefined, 'media', (g) => {
      granted = g;
    });
    expect(granted).toBe(false);
    let csp: string[] | undefined;
    fake.headers()?.({ responseHeaders: {} }, (r) => {
      csp = r.responseHeaders['Content-Security-Policy'];
    });
    expect(csp).toEqual([LANE_CSP]);
    expect(LANE_CSP).toContain("script-src 'self'");
    expect(LANE_CSP).toContain("connect-src 'self';");
  });

  it('answers device requests from its own page only, over the one device message protocol', async () => {
    const fake = fakeElectron();
    await startElectronLane(fake.electron, OPTIONS);
    const onDevices = fake.ipc.get(DEVICES_CHANNEL)!;
    onDevices({ sender: {}, senderFrame: { url: APP_URL } }, { type: 'list', requestId: 'stranger' });
    onDevices(
      { sender: fake.contents, senderFrame: { url: 'https://evil.example/' } },
      { type: 'list', requestId: 'remote' },
    );
    onDevices({ sender: fake.contents, senderFrame: { url: APP_URL } }, { type: 'list', requestId: 'own' });
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]).toEqual({
      channel: DEVICES_CHANNEL,
      message: { type: 'reply', requestId: 'own', result: { ok: true, value: [] } },
    });
    const config = fake.handlers.get(LANE_CONFIG_CHANNEL)!;
    // The renderer reaches its upstream on its own origin; the main process forwards app://lane/hq/.
    expect(config({ sender: fake.contents, senderFrame: { url: APP_URL } })).toEqual({ upstreamUrl: '/hq' });
    expect(config({ sender: {}, senderFrame: { url: APP_URL } })).toBeUndefined();
  });
});

describe('the preload', () => {
  it('exposes only the device bridge and the lane config', async () => {
    const exposed = new Map<string, Record<string, (...a: never[]) => unknown>>();
    const sent: unknown[] = [];
    const listeners = new Map<string, (e: unknown, m: unknown) => void>();
    const api: ElectronPreloadApi = {
      contextBridge: { exposeInMainWorld: (key, value) => exposed.set(key, value as never) },
      ipcRenderer: {
        send: (channel, message) => sent.push([channel, message]),
        invoke: async (channel) => ({ channel }),
        on: (channel, l) => listeners.set(channel, l),
        removeListener: (channel) => listeners.delete(channel),
      },
    };
    exposeLaneBridge(api);
    expect([...exposed.keys()].sort()).toEqual(['storefloorDevices', 'storefloorLane']);
    const devices = exposed.get('storefloorDevices') as unknown as {
      send(r: unknown): void;
      onMessage(l: (m: unknown) => void): () => void;
    };
    devices.send({ type: 'list', requestId: 'a' });
    expect(sent).toEqual([[DEVICES_CHANNEL, { type: 'list', requestId: 'a' }]]);
    const got: unknown[] = [];
    const off = devices.onMessage((m) => got.push(m));
    listeners.get(DEVICES_CHANNEL)?.({ senderId: 0 }, { type: 'data' });
    expect(got).toEqual([{ type: 'data' }]);
    off();
    expect(listeners.has(DEVICES_CHANNEL)).toBe(false);
  });
});
