import type { StudioBridge } from '../../shared/api/contract.js';
import { forgetToken, takeTokenFromLocation } from './authToken.js';
import { createClient, type StudioClient } from './client.js';
import { createWebBridge } from './webBridge.js';

export { ApiError, errorInfoOf } from './apiError.js';
export type { StudioClient } from './client.js';
export type { ConnectionState } from './webBridge.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    studio?: StudioBridge;
  }
}

export type ClientSetup = { ok: true; client: StudioClient } | { ok: false; reason: 'no-token' };

/**
 * Electron's preload bridge when present, else the web bridge with the token
 * from the URL. `onUnauthorized` runs when the web bridge refuses the token.
 */
export function setUpClient(onUnauthorized: () => void): ClientSetup {
  if (window.studio) return { ok: true, client: createClient(window.studio) };
  const token = takeTokenFromLocation();
  if (!token) return { ok: false, reason: 'no-token' };
  const refused = () => {
    forgetToken();
    onUnauthorized();
  };
  const client = createClient(createWebBridge(token, { onUnauthorized: refused }), { onUnauthorized: refused });
  return { ok: true, client };
}

let current: StudioClient | null = null;

/** The client the app runs with; set once at start (tests may set a fake). */
export function setClient(client: StudioClient): void {
  current = client;
}

export function api(): StudioClient {
  if (!current) throw new Error('The API client is not set up yet.');
  return current;
}
