import type { StyleCallName } from '../../shared/api/style-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the Style-Locker's calls (issue 16); spread into createHandlers. Files are read within the client's scope. */
export function styleHandlers(studio: Studio): Pick<Handlers, StyleCallName> {
  const styles = studio.creator.styles;
  return {
    'style.list': () => styles.list(),
    'style.get': ({ id }) => styles.get(id),
    'style.create': (input) => styles.create(input, studio.files),
    'style.update': ({ id, ...patch }) => styles.update(id, patch),
    'style.lock': ({ id }) => styles.lock(id),
    'style.unlock': ({ id }) => styles.unlock(id),
    'style.delete': ({ id }) => styles.delete(id),
    'style.score': ({ id, ...choice }) => styles.score(id, choice, studio.files),
    'style.scores': ({ id, limit }) => styles.scores(id, limit),
    'style.applied': ({ id }) => styles.resolveLocked(id),
  };
}
