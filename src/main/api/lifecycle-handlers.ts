import type { LifecycleCallName } from '../../shared/api/lifecycle-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of data lifecycle's calls (issue 17); spread into createHandlers. */
export function lifecycleHandlers(studio: Studio): Pick<Handlers, LifecycleCallName> {
  const { lifecycle } = studio;
  return {
    'library.star': ({ id, starred }) => lifecycle.star(id, starred),
    'lifecycle.preview': () => lifecycle.scheduler.preview(),
    'lifecycle.diskUsage': () => lifecycle.diskUsage(),
    'lifecycle.runs': ({ limit }) => lifecycle.runs.recent(limit),
  };
}
