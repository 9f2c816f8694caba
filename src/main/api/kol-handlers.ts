import type { KolCallName } from '../../shared/api/kol-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the KOL personas, posts and review calls (issue 14); spread into createHandlers. */
export function kolHandlers(studio: Studio): Pick<Handlers, KolCallName> {
  const { personas, posts, review, outbox } = studio.kol;
  return {
    'kol.personas.list': (filter) => personas.list(filter),
    'kol.personas.get': ({ id }) => personas.get(id),
    'kol.personas.create': (input) => personas.create(input),
    'kol.personas.update': ({ id, patch }) => personas.update(id, patch),
    'kol.personas.archive': ({ id }) => personas.archive(id),
    'kol.personas.export': ({ ids }) => personas.export(ids),
    'kol.personas.import': ({ json }) => personas.import(json),
    'kol.posts.list': (input) => posts.list(input),
    'kol.posts.get': ({ id }) => posts.get(id),
    'kol.posts.create': (input) => posts.create(input),
    'kol.posts.edit': (input) => posts.edit(input),
    'kol.posts.submit': ({ id }) => posts.submit(id),
    'kol.posts.schedule': (input) => outbox.schedule(input),
    'kol.posts.unschedule': ({ id }) => outbox.unschedule(id),
    'kol.review.approve': ({ ids, notes }) => review.approve(ids, notes ?? null),
    'kol.review.reject': ({ id, notes }) => review.reject(id, notes),
    'kol.review.requestChanges': ({ id, notes }) => review.requestChanges(id, notes),
    'kol.review.approveLowRisk': ({ filter, limit }) => review.approveLowRisk(filter, limit),
    'kol.review.reviewer': () => review.reviewer(),
    'kol.review.undo': ({ token }) => review.undo(token),
  };
}
