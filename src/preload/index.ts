import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, isCallName, type CallResult, type EventName, type StudioBridge } from '../shared/api/contract.js';

/**
 * `window.studio`: the contract's calls and events over IPC, nothing else.
 * Sandboxed, so this file is bundled to CommonJS (scripts/build-preload.mjs).
 */
const bridge: StudioBridge = {
  shell: 'electron',
  async call(name: string, input: unknown): Promise<CallResult> {
    if (!isCallName(name)) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API call named "${name}".` } };
    return (await ipcRenderer.invoke('studio:call', name, input)) as CallResult;
  },
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) return () => undefined;
    const forward = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('studio:event', forward);
    return () => ipcRenderer.removeListener('studio:event', forward);
  },
  async stageFile(file) {
    const picked = webUtils.getPathForFile(file as File);
    // Main lets a client read this path for the session: only a real pick or drop gives a File a path, so page script cannot add one.
    if (picked) await ipcRenderer.invoke('studio:picked', picked);
    return picked;
  },
  mediaUrl(libraryPath: string) {
    return `kingjam-media://library/${libraryPath.split('/').map(encodeURIComponent).join('/')}`;
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
