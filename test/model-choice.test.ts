import { describe, expect, it } from 'vitest';
import { imageProviderOf, settledChoice, textModelOptions, textProviderOf } from '../src/renderer/pages/generate/modelChoice.js';
import { backendGroups, settledBackend } from '../src/renderer/pages/director/backends.js';
import { currentModel } from '../src/shared/models.js';
import type { ChoiceStatus } from '../src/shared/providers.js';

const status = (provider: ChoiceStatus['provider'], usable: boolean): ChoiceStatus => ({ provider, mode: provider === 'cloud' ? 'cloud' : 'own-key', usable, action: usable ? null : 'sign-in' });

/** The writing models the pickers offer, and what a choice sends. */
describe('the writing model choices', () => {
  it('offers the catalogue’s current Flash / Pro / Pro Latest through KingJam Cloud and on an own Gemini key; local and offline are free', () => {
    const groups = textModelOptions();
    expect(groups.cloud.map((o) => o.label)).toEqual(['Gemini 3.6 Flash', 'Gemini 3.1 Pro', 'Gemini Pro Latest']);
    expect(groups['own-key'].filter((o) => o.provider === 'gemini').map((o) => o.model)).toEqual(groups.cloud.map((o) => o.model));
    for (const o of [...groups.cloud, ...groups['own-key']]) expect(currentModel(o.provider === 'replicate' ? 'replicate' : 'gemini', o.model!)?.id).toBe(o.model);
    expect(groups.local.map((o) => o.value)).toEqual(['ollama', 'offline']);
  });

  it('a cloud choice sends provider cloud with the model, and its images come from the cloud too', () => {
    expect(textProviderOf('cloud:gemini-3.1-pro-preview')).toEqual({ provider: 'cloud', model: 'gemini-3.1-pro-preview' });
    expect(imageProviderOf('cloud:gemini-3.1-pro-preview')).toEqual({ provider: 'cloud' });
    expect(textProviderOf('gemini:gemini-3.5-flash')).toEqual({ provider: 'gemini', model: 'gemini-3.5-flash' });
    expect(textProviderOf('ollama')).toEqual({ provider: 'ollama' });
    expect(imageProviderOf('ollama')).toEqual({ provider: 'offline' });
  });

  it('starts on KingJam Cloud when it can run, else offline drafts; a pick that stops being usable falls back', () => {
    expect(settledChoice(null, [status('cloud', true)])).toBe('cloud:gemini-3.6-flash');
    expect(settledChoice(null, [status('cloud', false)])).toBe('offline');
    expect(settledChoice('gemini:gemini-3.1-pro-preview', [status('cloud', true), status('gemini', true)])).toBe('gemini:gemini-3.1-pro-preview');
    expect(settledChoice('gemini:gemini-3.1-pro-preview', [status('cloud', false), status('gemini', false)])).toBe('offline');
  });
});

describe('the Director backend choices', () => {
  it('offers the paid backends through KingJam Cloud and on an own key, and the free ones locally', () => {
    const groups = backendGroups(null);
    expect(groups.cloud.map((o) => o.value)).toEqual(['cloud:kling-v2.1', 'cloud:kling-v2.1-pro', 'cloud:veo-3-fast', 'cloud:veo-3', 'cloud:imagen-ffmpeg']);
    expect(groups['own-key'].find((o) => o.backend === 'veo-3')?.needs).toEqual(['gemini', 'replicate']);
    expect(groups.local.map((o) => o.value)).toEqual(['offline']);
  });

  it('keeps a picked backend while it can run, else falls back to offline stills', () => {
    const choices = [status('cloud', false), status('replicate', true), status('gemini', false)];
    expect(settledBackend('own-key:kling-v2.1', null, choices)).toBe('own-key:kling-v2.1');
    expect(settledBackend('own-key:veo-3', null, choices)).toBe('own-key:veo-3');
    expect(settledBackend('own-key:imagen-ffmpeg', null, choices)).toBe('offline');
    expect(settledBackend('cloud:kling-v2.1', null, choices)).toBe('offline');
    expect(settledBackend('comfyui', null, choices)).toBe('offline');
  });
});
