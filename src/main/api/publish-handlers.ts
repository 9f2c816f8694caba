import type { publishCalls } from '../../shared/api/publish-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

type PublishCallName = keyof typeof publishCalls;

/** Handlers of the publish calls (issue 13); spread into createHandlers. */
export function publishHandlers(studio: Studio): Pick<Handlers, PublishCallName> {
  const p = studio.publishing.service;
  const bulk = studio.publishing.bulk;
  return {
    'publish.accounts': ({ refresh }) => p.accounts.list(refresh),
    'publish.updateAccount': (input) => p.accounts.update(input),
    'publish.check': (input) => p.check(input),
    'publish.create': (input) => p.create(input),
    'publish.list': (filter) => p.list(filter),
    'publish.get': ({ id }) => p.get(id),
    'publish.update': (input) => p.update(input),
    'publish.reschedule': ({ id, scheduledAt }) => p.reschedule(id, scheduledAt),
    'publish.retry': ({ id }) => p.retry(id),
    'publish.cancel': ({ id }) => p.cancel(id),
    'publish.now': ({ id }) => p.publishNow(id),
    'publish.summary': () => p.summary(),
    'publish.importCsv': ({ csv, dryRun }) => bulk.importCsv(csv, dryRun),
    'publish.exportCsv': (filter) => ({ csv: bulk.exportCsv(filter) }),
  };
}
