import type { VideoSceneState } from '../../shared/generate/projects.js';

/** What the Style-Locker files on a scene: its render's score, or the reason it has none. */
export type ScenePatch = Required<Pick<VideoSceneState, 'styleScore' | 'styleUnscored'>>;

/**
 * The scenes with `patch` filed on the scene whose render was scored (or
 * could not be): only while that scene still shows the render the score job
 * read, since a scene rendered again since then waits for its own score.
 * Null when no scene does (nothing to save).
 */
export function withSceneScore(scenes: VideoSceneState[], sceneJobId: string, paths: readonly string[], patch: ScenePatch): VideoSceneState[] | null {
  const scored = (s: VideoSceneState) => s.jobId === sceneJobId && !!s.render && paths.includes(s.render.path);
  if (!scenes.some(scored)) return null;
  return scenes.map((s) => (scored(s) ? { ...s, ...patch } : s));
}
