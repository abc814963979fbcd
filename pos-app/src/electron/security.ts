import type { WebContentsLike } from './electron-api.js';

/** The renderer's Content-Security-Policy, sent as a header on every response the window loads. */
export const LANE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Locks a lane window down: no navigation away from the app, no new windows, no permission prompts
 * (camera, geolocation…), and the strict CSP as a response header.
 */
export function lockDownWindow(contents: WebContentsLike, appUrlPrefix: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrlPrefix)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [LANE_CSP] },
    });
  });
}

/** An IPC message is taken only from our window's own page. */
export function isFromLaneWindow(
  event: { sender: unknown; senderFrame?: { url: string } | null },
  contents: WebContentsLike,
  appUrlPrefix: string,
): boolean {
  return event.sender === contents && (event.senderFrame?.url ?? '').startsWith(appUrlPrefix);
}
