import type { KolTrigCallName } from '../../shared/api/kol-trig-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the KOL triggers and schedules calls (issue 14); spread into createHandlers. */
export function kolTrigHandlers(studio: Studio): Pick<Handlers, KolTrigCallName> {
  const t = studio.kolTriggers;
  return {
    'kol.triggers.list': () => t.list(),
    'kol.triggers.get': ({ id }) => t.get(id),
    'kol.triggers.create': (input) => t.create(input),
    'kol.triggers.update': ({ id, patch }) => t.update(id, patch),
    'kol.triggers.pause': ({ id }) => t.pause(id),
    'kol.triggers.resume': ({ id }) => t.resume(id),
    'kol.triggers.delete': ({ id }) => t.delete(id),
    'kol.triggers.preview': (input) => t.preview(input),
    'kol.triggers.runNow': ({ id }) => t.runNow(id),
    'kol.triggers.rotateSecret': ({ id }) => t.rotateSecret(id),
  };
}
