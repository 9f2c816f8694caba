import { describe, expect, it } from 'vitest';
import type { PhotoUploadView } from '../../src/shared/api/photo-contract.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import type { ChoiceStatus } from '../../src/shared/providers.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { groupedChoices, isUsable, MOTION_CHOICES, PHOTO_CHOICES, REPAIR_CHOICES, settledBackend } from '../../src/renderer/pages/photo/photoBackends.js';
import { keyText } from '../../src/renderer/pages/photo/photoText.js';
import { isUsableFor } from '../../src/renderer/pages/photo/toolRules.js';
import { refusalOf } from '../../src/renderer/pages/photo/uploadRules.js';
import { gridStep } from '../../src/renderer/pages/photo/gridStep.js';

/** The photo studio page's rules that need no browser: backends, uploads, the chooser's keys. */

const status = (provider: ChoiceStatus['provider'], usable: boolean, action: ChoiceStatus['action'] = null): ChoiceStatus => ({
  provider,
  mode: provider === 'cloud' ? 'cloud' : provider === 'gemini' || provider === 'replicate' ? 'own-key' : 'local',
  usable,
  action: usable ? null : action,
});

function upload(patch: Partial<PhotoUploadView>): PhotoUploadView {
  return {
    id: 'u1',
    name: 'a.jpg',
    purpose: 'person',
    status: 'passed',
    preview: 'photo/a.png',
    width: 800,
    height: 1200,
    faces: [],
    sharpness: 100,
    issues: [],
    error: null,
    consent: true,
    uploadedAt: 0,
    expiresAt: 24 * 3600_000,
    remainingMs: 24 * 3600_000,
    deletedAt: null,
    ...patch,
  };
}

describe('the backend picker’s choices', () => {
  it('offers every image model through KingJam Cloud and the user’s own key, and offline and ComfyUI locally', () => {
    const groups = groupedChoices(PHOTO_CHOICES).map((g) => [g.mode, g.choices.map((c) => c.value)]);
    expect(groups).toEqual([
      ['cloud', ['gemini:cloud', 'seedream:cloud', 'flux-kontext:cloud']],
      ['own-key', ['gemini:own-key', 'seedream:own-key', 'flux-kontext:own-key']],
      ['local', ['offline', 'comfyui']],
    ]);
    // Seedream and FLUX Kontext run on Replicate: the user's Replicate key decides whether they can run.
    expect(PHOTO_CHOICES.find((c) => c.value === 'seedream:own-key')?.provider).toBe('replicate');
    expect(REPAIR_CHOICES.map((c) => c.value)).toEqual(['replicate:cloud', 'replicate:own-key', 'comfyui']);
  });

  it('falls back to offline when the pick cannot run, and keeps a pick that can', () => {
    const signedOut = [status('cloud', false, 'sign-in'), status('gemini', true), status('replicate', false, 'add-key'), status('comfyui', false, 'set-up-comfyui'), status('offline', true)];
    expect(settledBackend('seedream:cloud', PHOTO_CHOICES, signedOut).value).toBe('offline');
    expect(settledBackend('gemini:own-key', PHOTO_CHOICES, signedOut).value).toBe('gemini:own-key');
    expect(isUsable(PHOTO_CHOICES.find((c) => c.value === 'comfyui')!, signedOut)).toBe(false);
    // Repair has no offline choice: the first that can run, else the first (the run button then says why not).
    expect(settledBackend(null, REPAIR_CHOICES, signedOut).value).toBe('replicate:cloud');
    expect(settledBackend(null, REPAIR_CHOICES, [...signedOut.filter((s) => s.provider !== 'replicate'), status('replicate', true)]).value).toBe('replicate:own-key');
  });

  it('offers the motion’s video models in the same three kinds, the local motion always usable and the one it falls back to', () => {
    expect(groupedChoices(MOTION_CHOICES).map((g) => [g.mode, g.choices.map((c) => c.value)])).toEqual([
      ['cloud', ['kling:cloud', 'veo:cloud', 'seedance:cloud']],
      ['own-key', ['kling:own-key', 'veo:own-key', 'seedance:own-key']],
      ['local', ['local']],
    ]);
    // Veo runs on the user's Gemini key; Kling and Seedance on the Replicate key.
    expect(MOTION_CHOICES.filter((c) => c.mode === 'own-key').map((c) => c.provider)).toEqual(['replicate', 'gemini', 'replicate']);
    const signedOut = [status('cloud', false, 'sign-in'), status('gemini', true), status('replicate', false, 'add-key'), status('offline', true)];
    expect(settledBackend(null, MOTION_CHOICES, signedOut).value).toBe('local');
    expect(settledBackend('seedance:cloud', MOTION_CHOICES, signedOut).value).toBe('local');
    expect(settledBackend('veo:own-key', MOTION_CHOICES, signedOut).value).toBe('veo:own-key');
    expect(isUsable(MOTION_CHOICES.find((c) => c.value === 'local')!, [])).toBe(true);
  });
});

describe('uploads', () => {
  it('refuses a file over 10 MB or of another kind before sending it', () => {
    expect(refusalOf({ name: 'me.heic', size: 3_000_000, type: '' })).toBeNull();
    expect(refusalOf({ name: 'me.jpg', size: PHOTO_LIMITS.maxUploadBytes + 1, type: 'image/jpeg' })).toBe('too-large');
    expect(refusalOf({ name: 'notes.txt', size: 10, type: 'text/plain' })).toBe('not-image');
  });

  it('lets each tool use the photos it can live with', () => {
    const face = { box: { x: 10, y: 10, width: 100, height: 100 }, confidence: 0.9 };
    expect(isUsableFor(upload({ faces: [face] }), 'fuse')).toBe(true);
    const family = upload({ status: 'failed', faces: [face, face, face, face], issues: [{ problem: 'several-faces', key: 'photo.check.several-faces', params: { count: 4 } }] });
    expect(isUsableFor(family, 'fuse')).toBe(false);
    expect(isUsableFor(family, 'makeover')).toBe(true);
    const old = upload({ status: 'failed', faces: [face], issues: [{ problem: 'blurred', key: 'photo.check.blurred', params: {} }] });
    expect(isUsableFor(old, 'makeover')).toBe(false);
    expect(isUsableFor(old, 'repair')).toBe(true);
    expect(isUsableFor(upload({ status: 'failed', issues: [{ problem: 'unreadable', key: 'photo.check.unreadable', params: {} }], preview: null }), 'repair')).toBe(false);
    expect(isUsableFor(upload({ status: 'checking' }), 'repair')).toBe(false);
    expect(isUsableFor(upload({ status: 'deleted', deletedAt: 1 }), 'fuse')).toBe(false);
  });

  it('shows a message key main sent through the catalogue, and nothing for a key it does not know', () => {
    const t = (key: string) => (en as Record<string, string>)[key] ?? key;
    expect(keyText('photo.no-such-key', {}, t)).toEqual({ text: null, hint: null });
    const known = Object.keys(en).find((k) => k.startsWith('msg.') && !k.endsWith('.hint'))!;
    expect(keyText(known.slice(4), {}, t).text).toBe((en as Record<string, string>)[known]);
  });
});

describe('the 2×2 chooser’s keys', () => {
  it('moves by arrows inside the grid and jumps with Home and End', () => {
    expect(gridStep('ArrowRight', 0, 4)).toBe(1);
    expect(gridStep('ArrowDown', 1, 4)).toBe(3);
    expect(gridStep('ArrowDown', 3, 4)).toBe(3);
    expect(gridStep('ArrowUp', 2, 4)).toBe(0);
    expect(gridStep('ArrowLeft', 0, 4)).toBe(0);
    expect(gridStep('End', 0, 4)).toBe(3);
    expect(gridStep('Home', 3, 4)).toBe(0);
    expect(gridStep('Enter', 1, 4)).toBeNull();
  });
});
