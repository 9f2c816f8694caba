import type { FromWorker, ToWorker } from '../../shared/jobs/protocol.js';

/**
 * The worker's side of the transport. Under Electron's utilityProcess the
 * parent is `process.parentPort` (no `electron` import needed); under
 * child_process.fork it is the IPC channel of `process`.
 */
export interface ParentChannel {
  send(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
  /** Called when the parent goes away, so an orphaned worker stops. */
  onParentGone(listener: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (e) => listener(e.data as ToWorker)),
      // A utility process is ended by Electron together with its parent.
      onParentGone: () => undefined,
    };
  }
  if (!process.send) throw new Error('This is a KingJam worker: start it through the job system, not by hand.');
  return {
    send: (message) => {
      if (process.connected) process.send!(message);
    },
    onMessage: (listener) => process.on('message', (m) => listener(m as ToWorker)),
    onParentGone: (listener) => process.on('disconnect', listener),
  };
}
