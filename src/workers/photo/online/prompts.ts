import type { Effect } from '../../../shared/motion.js';
import { COSTUME_PROMPTS, type Costume } from '../../../shared/photo/requests.js';

/**
 * The prompts the image and video models get. The seed's base prompt ("Best
 * quality, family reunion, high definition, realistic lighting") is kept;
 * what it adds is what goes wrong most: faces changed, people pasted in
 * under other light, stiff poses, anyone added or lost.
 */

const BASE = 'Best quality, family reunion, high definition, realistic lighting.';
const FACES = 'Keep every face exactly as in the photos: the same features, age, expression, skin tone and hairstyle; do not beautify, swap or merge faces.';

export interface VariantPromptInput {
  task: 'fuse' | 'makeover';
  /** People in the photo: one photo each for a fuse, the faces the check found in the one photo for a makeover (unknown: "everyone"). */
  people: number | undefined;
  background: string;
  costume?: Costume | undefined;
  /** Kontext reads one image: the people and the background on one sheet, told apart by position. */
  sheet?: boolean;
}

const count = (n: number | undefined): string => (n === undefined ? 'everyone' : n === 1 ? 'one person' : `${n} people`);

export function variantPrompt(input: VariantPromptInput): string {
  const costume = input.costume ? `Dress everyone in ${COSTUME_PROMPTS[input.costume]}, keeping their faces and hair unchanged.` : 'Keep everyone’s own clothes.';
  const who = count(input.people);
  const fuse = [
    input.sheet
      ? `The reference sheet shows ${who} (in the panels on the left, one person per panel) and the background (the large panel on the right).`
      : `The first ${input.people === 1 ? 'image shows one person' : `${input.people ?? 'few'} images each show one person`}; the last image is the background.`,
    `Make one natural group portrait of exactly ${who}: all of them together in front of the background (${input.background}), nobody added, nobody left out.`,
  ];
  const makeover = [
    input.sheet ? 'The reference sheet shows a family photo (left) and a new background (the large panel on the right).' : 'The first image is a family photo; the last image is the new background.',
    `Put ${input.people === undefined ? 'everyone in the family photo' : `exactly the ${who} of the family photo`} in front of the new background (${input.background}), nobody added, nobody left out.`,
  ];
  const lines = input.task === 'fuse' ? fuse : makeover;
  return [
    BASE,
    ...lines,
    FACES,
    'Match the lighting, colour temperature, shadows and perspective of the background on every person, so nobody looks pasted in.',
    'Natural, relaxed poses, standing or sitting close together as a family does in a studio portrait, heads at natural relative heights, every face fully visible and looking at the camera.',
    costume,
    'Photorealistic, sharp focus, no text, no watermark, no frame.',
  ].join(' ');
}

const EFFECT_MOTION: Record<Effect, string> = {
  fireworks: 'fireworks bursting softly in the sky behind them',
  lanterns: 'red lanterns swaying gently and glowing',
  snow: 'light snow falling slowly',
};

/** Minimal motion: the photo stays a photo, only the festive effect in the background moves. */
export function motionPrompt(effect: Effect): string {
  return [
    'Animate this family photo with minimal motion.',
    `Only the background moves: ${EFFECT_MOTION[effect]}.`,
    'The people stay completely still, like a photograph: no blinking, no talking, no head or body movement, faces unchanged.',
    'The camera is fixed: no zoom, no pan, no cut.',
  ].join(' ');
}

/** What the image-to-video models are told to avoid (Kling and Veo take a negative prompt). */
export const MOTION_NEGATIVE = 'people moving, talking, blinking, face changes, morphing, camera movement, zoom, new people, text';
