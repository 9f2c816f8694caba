import type {
  CallInput,
  CallName,
  CallOutput,
  EventMap,
  EventName,
  StudioBridge,
} from '../../shared/api/contract.js';
import { ApiError, errorInfoOf } from './apiError.js';
import type { ConnectionState, ObservableBridge } from './webBridge.js';

/** The typed face of a StudioBridge: what pages and stores use. */
export interface StudioClient {
  readonly shell: 'electron' | 'web';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  stageFile(file: File): Promise<string>;
  mediaUrl(libraryPath: string): string;
  /** Event-connection state; the Electron bridge is always 'open'. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

function isObservable(bridge: StudioBridge): bridge is ObservableBridge {
  return typeof (bridge as Partial<ObservableBridge>).onConnection === 'function';
}

export interface ClientOptions {
  /** Called when main refuses a call as UNAUTHORIZED (the web bridge's token is wrong or gone). */
  onUnauthorized?: () => void;
}

export function createClient(bridge: StudioBridge, options: ClientOptions = {}): StudioClient {
  return {
    shell: bridge.shell,

    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      let result;
      try {
        result = await bridge.call(name, input);
      } catch (err) {
        throw new ApiError(errorInfoOf(err));
      }
      if (!result.ok) {
        if (result.error.code === 'UNAUTHORIZED') options.onUnauthorized?.();
        throw new ApiError(result.error);
      }
      return result.value as CallOutput<N>;
    },

    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as EventMap[E]));
    },

    async stageFile(file: File): Promise<string> {
      try {
        return await bridge.stageFile(file);
      } catch (err) {
        throw err instanceof ApiError ? err : new ApiError(errorInfoOf(err));
      }
    },

    mediaUrl(libraryPath: string): string {
      return bridge.mediaUrl(libraryPath);
    },

    onConnection(listener: (state: ConnectionState) => void): () => void {
      if (isObservable(bridge)) return bridge.onConnection(listener);
      listener('open');
      return () => {};
    },
  };
}
