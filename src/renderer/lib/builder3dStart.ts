import { api } from '../api/index.js';

/** The session key through which a character's page hands its character to the 3D builder (issue 16). */
const BUILDER3D_CHARACTER_KEY = 'kingjam.builder3d.character';

/** The character page's "Make 3D model": remembered for the builder, which opens next. */
export function startBuilderFrom(characterId: string): void {
  try {
    window.sessionStorage.setItem(BUILDER3D_CHARACTER_KEY, characterId);
  } catch {
    // The builder then starts without a character chosen.
  }
}

/** Whether a character's page has just handed one over (the builder then opens on its make form). */
export function hasBuilderStart(): boolean {
  try {
    return window.sessionStorage.getItem(BUILDER3D_CHARACTER_KEY) !== null;
  } catch {
    return false;
  }
}

export interface BuilderStart {
  characterId: string;
  name: string;
  /** The character's first reference picture (library asset), the image the model is made from. */
  assetId: string | null;
}

/** The character handed over by its page, once: read, then forgotten, so a later visit starts blank. */
export async function takeBuilderStart(): Promise<BuilderStart | null> {
  let id: string | null = null;
  try {
    id = window.sessionStorage.getItem(BUILDER3D_CHARACTER_KEY);
    window.sessionStorage.removeItem(BUILDER3D_CHARACTER_KEY);
  } catch {
    return null;
  }
  if (!id) return null;
  try {
    const character = await api().call('character.get', { id });
    return { characterId: character.id, name: character.name, assetId: character.references[0]?.assetId ?? null };
  } catch {
    return null;
  }
}
