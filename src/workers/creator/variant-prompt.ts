import { MAX_STYLE_REFERENCES, type LockedStyle, type VariantKind } from '../../shared/creator/jobs.js';

/**
 * The prompt an image-editing model gets for a character variant: keep who
 * the character is (the reference images and the written look), change only
 * what the variant's kind is about, and — when a style is locked on the
 * character — the style's own fragment, with its reference images named.
 */
const CHANGE: Record<VariantKind, string> = {
  pose: 'Change only the pose and body language to: {x}. Keep the outfit, colours, proportions, face and hairstyle exactly as in the reference.',
  outfit: 'Change only the outfit to: {x}. Keep the face, hairstyle, body proportions, colours of skin and eyes, and the art style exactly as in the reference.',
  expression: 'Change only the facial expression to: {x}. Keep the pose, the outfit, the face shape, the hairstyle and the art style exactly as in the reference.',
};

export interface VariantPromptInput {
  name: string;
  look: string;
  kind: VariantKind;
  instruction: string;
  /** How many character references come first in the image list. */
  references: number;
  style?: Pick<LockedStyle, 'promptFragment' | 'referencePaths'> | undefined;
  /** FLUX Kontext reads one image: the references are on one sheet. */
  sheet: boolean;
}

export function variantPrompt(input: VariantPromptInput): string {
  const styleRefs = Math.min(input.style?.referencePaths.length ?? 0, MAX_STYLE_REFERENCES);
  const images = input.sheet
    ? 'The reference sheet shows the character (the panels on the left) and the art style to keep (the large panel on the right).'
    : input.references === 1
      ? 'The first image is the character reference.'
      : `The first ${input.references} images are references of the same character.`;
  return [
    `Draw the same character, ${input.name}, as one new image.`,
    images,
    styleRefs > 0 && !input.sheet ? `The last ${styleRefs === 1 ? 'image shows' : `${styleRefs} images show`} the locked art style: match its palette, line quality and lighting, not its content.` : '',
    input.look ? `The character's look: ${input.look}` : '',
    CHANGE[input.kind].replace('{x}', input.instruction),
    input.style?.promptFragment ? `Style: ${input.style.promptFragment}` : '',
    'One character only, full figure visible, plain light background, no text, no watermark, no frame.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** What every variant avoids, with the locked style's own negative prompt in front. */
export function variantNegative(style?: Pick<LockedStyle, 'negativePrompt'>): string {
  const base = 'different character, extra people, extra limbs, deformed hands, text, watermark, logo, blurry';
  return style?.negativePrompt ? `${style.negativePrompt}, ${base}` : base;
}
