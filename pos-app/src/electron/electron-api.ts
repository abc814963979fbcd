/**
 * The few parts of the `electron` module the shell uses, typed here because electron itself is not a
 * dependency: its postinstall downloads a binary, which `npm ci` on a machine without that download would
 * fail on. The packaging build (electron-builder) brings electron; tests hand in a fake of this shape.
 */
export interface IpcMainEventLike {
  readonly sender: unknown;
  readonly senderFrame?: { readonly url: string } | null;
}

export interface WebContentsLike {
  send(channel: string, message: unknown): void;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): void;
  once(event: 'destroyed', listener: () => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  readonly session: SessionLike;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface BrowserWindowOptionsLike {
  width?: number;
  height?: number;
  kiosk?: boolean;
  fullscreen?: boolean;
  autoHideMenuBar?: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    webviewTag: boolean;
    navigateOnDragDrop: boolean;
  };
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
}

/** Electron's `protocol` module: the lane's own `app:` scheme (see app-protocol.ts). */
export interface ProtocolLike {
  registerSchemesAsPrivileged(
    schemes: readonly { scheme: string; privileges: Readonly<Record<string, boolean>> }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void;
}

export interface ElectronMainApi {
  readonly app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'web-contents-created', listener: (...args: unknown[]) => void): void;
    quit(): void;
  };
  readonly BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike;
  readonly protocol: ProtocolLike;
  readonly ipcMain: {
    on(channel: string, listener: (event: IpcMainEventLike, message: unknown) => void): void;
    handle(channel: string, listener: (event: IpcMainEventLike) => unknown): void;
  };
}

export interface ElectronPreloadApi {
  readonly contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  readonly ipcRenderer: {
    send(channel: string, message: unknown): void;
    invoke(channel: string): Promise<unknown>;
    on(channel: string, listener: (event: unknown, message: unknown) => void): void;
    removeListener(channel: string, listener: (event: unknown, message: unknown) => void): void;
  };
}
