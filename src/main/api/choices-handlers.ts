import type { ChoicesCallName } from '../../shared/api/choices-contract.js';
import { generations } from '../sync/generations.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the provider-choice and generations-history calls; spread into createHandlers. */
export function choicesHandlers(studio: Studio): Pick<Handlers, ChoicesCallName> {
  return {
    'providers.choices': () => studio.availability.choices(),
    'wallet.generations': ({ cursor }) => generations(studio.sync, cursor),
  };
}
