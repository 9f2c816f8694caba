import type { kolBatchCalls } from '../../shared/api/kol-batch-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

type KolBatchCallName = keyof typeof kolBatchCalls;

/** Handlers of the KOL batch calls (issue 14); spread into createHandlers. */
export function kolBatchHandlers(studio: Studio): Pick<Handlers, KolBatchCallName> {
  const b = studio.kolBatches;
  return {
    'kol.batch.start': (request) => b.start(request),
    'kol.batch.list': ({ limit }) => b.list(limit),
    'kol.batch.get': ({ id }) => b.get(id),
    'kol.batch.pause': ({ id }) => b.pause(id),
    'kol.batch.resume': ({ id }) => b.resume(id),
    'kol.batch.cancel': ({ id }) => b.cancel(id),
    'kol.batch.estimate': (request) => b.estimate(request),
  };
}
