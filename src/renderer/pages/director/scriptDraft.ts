import type { DirectorScene, DirectorScript } from '../../../shared/generate/requests.js';
import { CAPTION_MAX } from './SceneEditor.js';

/** Whether the draft can be saved as it is (the server checks again). */
export function isValidDraft(script: DirectorScript): boolean {
  return (
    script.title.trim().length >= 2 &&
    script.scenes.length >= 2 &&
    script.scenes.length <= 12 &&
    script.scenes.every(
      (s) => [...s.caption].length <= CAPTION_MAX && s.visualPrompt.trim().length >= 3 && s.duration >= 2 && s.duration <= 10,
    )
  );
}

export function moveScene(scenes: DirectorScene[], index: number, delta: -1 | 1): DirectorScene[] {
  const to = index + delta;
  if (to < 0 || to >= scenes.length) return scenes;
  const next = [...scenes];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** A new scene after the last, borrowing its look. */
export function blankScene(after: DirectorScene | undefined): DirectorScene {
  return {
    narration: '',
    caption: '',
    visualPrompt: after?.visualPrompt ?? 'a calm establishing shot',
    duration: after?.duration ?? 4,
    motion: after?.motion ?? 'zoom-in',
    transition: after?.transition ?? 'dissolve',
  };
}
