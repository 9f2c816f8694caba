import type { CallResult, EventName, StudioBridge } from '../../shared/api/contract.js';
import { isErrorCode, type ErrorInfo } from '../../shared/errors.js';
import { ApiError } from './apiError.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A StudioBridge that also reports the state of its event connection. */
export interface ObservableBridge extends StudioBridge {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

type Listener = (payload: unknown) => void;

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

function errorFromBody(body: unknown, status: number): ErrorInfo {
  if (body && typeof body === 'object' && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === 'object' && 'code' in e && isErrorCode((e as { code: unknown }).code)) {
      return e as ErrorInfo;
    }
  }
  if (status === 401) return { code: 'UNAUTHORIZED', message: 'The access token is missing or wrong.' };
  if (status === 404) return { code: 'NOT_FOUND', message: `Not found (HTTP ${status}).` };
  return { code: 'INTERNAL', message: `The server answered HTTP ${status}.`, retryable: status >= 500 };
}

function networkError(err: unknown): ErrorInfo {
  return {
    code: 'INTERNAL',
    message: err instanceof Error ? err.message : String(err),
    hint: 'Is `kingjam serve` still running?',
    retryable: true,
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The subprotocol the bridge selects for its event socket. */
const EVENTS_PROTOCOL = 'kingjam.events';

/** The bridge's `{"type":"ready"}`: the token was accepted and events follow. */
function isReady(raw: unknown): boolean {
  return typeof raw === 'string' && raw === JSON.stringify({ type: 'ready' });
}

function encodeLibraryPath(libraryPath: string): string {
  return libraryPath
    .split('/')
    .filter((part) => part.length > 0)
    .map(encodeURIComponent)
    .join('/');
}

/** The bridge's close code for an event socket whose token was refused (src/main/bridge/server.ts). */
const WS_UNAUTHORIZED = 4401;

export interface WebBridgeOptions {
  origin?: string;
  /** The event socket's token was refused: the socket stays closed. */
  onUnauthorized?: () => void;
}

/**
 * The StudioBridge of the web bridge (`kingjam serve`): calls are
 * `POST /api/<call>`, events come over the WebSocket `/events`, files are
 * staged with `POST /upload` and media is read from `GET /media/<path>`.
 * The token goes in the Authorization header and the socket's first
 * message, never in a URL; media URLs carry nothing, as the bridge's
 * HttpOnly cookie (set by the first call) opens them.
 */
export function createWebBridge(token: string, options: WebBridgeOptions = {}): ObservableBridge {
  const origin = options.origin ?? window.location.origin;
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket: WebSocket | null = null;
  let backoff = MIN_BACKOFF_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState = 'closed';

  const authHeaders = { Authorization: `Bearer ${token}` };

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(next);
  }

  function dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object' || !('event' in message)) return;
    const { event, payload } = message as { event: EventName; payload: unknown };
    for (const l of listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error('event listener failed', event, err);
      }
    }
  }

  function connect(): void {
    reconnectTimer = null;
    const wsUrl = new URL('/events', origin);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    setState('connecting');
    const ws = new WebSocket(wsUrl, EVENTS_PROTOCOL);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (ev) => {
      if (isReady(ev.data)) {
        backoff = MIN_BACKOFF_MS;
        setState('open');
        return;
      }
      dispatch(ev.data);
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      setState('closed');
      if (ev.code === WS_UNAUTHORIZED) {
        options.onUnauthorized?.();
        return;
      }
      // Nobody listening any more (e.g. the token was refused and the app let go): stay closed.
      if (!hasListeners()) return;
      reconnectTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  }

  function hasListeners(): boolean {
    if (connectionListeners.size > 0) return true;
    for (const set of listeners.values()) if (set.size > 0) return true;
    return false;
  }

  function ensureConnected(): void {
    if (!socket && !reconnectTimer) connect();
  }

  return {
    shell: 'web',

    async call(name: string, input: unknown): Promise<CallResult> {
      let response: Response;
      try {
        response = await fetch(new URL(`/api/${encodeURIComponent(name)}`, origin), {
          method: 'POST',
          headers: { ...authHeaders, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return { ok: false, error: networkError(err) };
      }
      const body = await readJson(response);
      if (!response.ok) return { ok: false, error: errorFromBody(body, response.status) };
      return { ok: true, value: body };
    },

    on(event: EventName, listener: Listener): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      ensureConnected();
      return () => {
        set.delete(listener);
        if (!hasListeners()) socket?.close();
      };
    },

    async stageFile(file: Blob & { name: string }): Promise<string> {
      let response: Response;
      try {
        response = await fetch(new URL('/upload', origin), {
          method: 'POST',
          headers: {
            ...authHeaders,
            'Content-Type': 'application/octet-stream',
            'X-File-Name': encodeURIComponent(file.name),
          },
          body: file,
        });
      } catch (err) {
        throw new ApiError(networkError(err));
      }
      const body = await readJson(response);
      if (!response.ok) throw new ApiError(errorFromBody(body, response.status));
      if (!body || typeof body !== 'object' || typeof (body as { path?: unknown }).path !== 'string') {
        throw new ApiError({ code: 'INTERNAL', message: 'The server did not say where it stored the file.' });
      }
      return (body as { path: string }).path;
    },

    mediaUrl(libraryPath: string): string {
      return new URL(`/media/${encodeLibraryPath(libraryPath)}`, origin).toString();
    },

    onConnection(listener: (state: ConnectionState) => void): () => void {
      connectionListeners.add(listener);
      ensureConnected();
      listener(state);
      return () => {
        connectionListeners.delete(listener);
        if (!hasListeners()) socket?.close();
      };
    },
  };
}
