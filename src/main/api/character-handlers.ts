import type { CharacterCallName } from '../../shared/api/character-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of characters, the Prompt-Board and pose variants's calls (issue 16); spread into createHandlers. Files are read within the client's scope. */
export function characterHandlers(studio: Studio): Pick<Handlers, CharacterCallName> {
  const characters = studio.creator.characters;
  return {
    'character.list': () => characters.list(),
    'character.get': ({ id }) => characters.get(id),
    'character.create': (input) => characters.create(input),
    'character.update': (input) => characters.update(input),
    'character.delete': ({ id }) => characters.delete(id),
    'character.concepts': (input) => characters.concepts(input),
    'character.rewrite': async (input) => {
      const r = await characters.rewrite(input);
      return { text: r.text, draft: r.draft, provider: r.provider, model: r.model };
    },
    'character.addReferenceFiles': ({ id, paths }) => characters.addReferenceFiles(id, paths, studio.files),
    'character.addReferenceAssets': ({ id, assetIds, origin }) => characters.addReferenceAssets(id, assetIds, origin),
    'character.generateReference': ({ id, provider }) => characters.generateReference(id, provider),
    'character.removeReference': ({ id, assetId }) => characters.removeReference(id, assetId),
    'character.variantsEstimate': (input) => characters.variants.estimate(input),
    'character.makeVariants': (input) => characters.variants.make(input),
    'character.markVariant': ({ variantId, state }) => characters.markVariant(variantId, state),
  };
}
