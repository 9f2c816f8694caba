import type { ErrorInfo } from '../errors.js';
import type { ComposeJobResult } from '../jobs/kinds.js';
import type { Estimate } from '../pricing.js';
import type { StyleScore } from '../style/score.js';
import type { BlogRequest, BlogResult, DirectorRequest, DirectorScript, SceneRender, SocialRequest, SocialResult } from './requests.js';

/** Generation projects as the UI and the CLI see them. */
export type ProjectKind = 'blog' | 'social' | 'video';

export interface ProjectBase {
  id: string;
  title: string;
  /** `canceled`: the user stopped its job; nothing was charged, and it can be started again. */
  status: 'working' | 'ready' | 'failed' | 'canceled' | 'scripted' | 'rendering' | 'composing';
  error: ErrorInfo | null;
  jobIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface BlogProject extends ProjectBase {
  kind: 'blog';
  request: BlogRequest;
  result: BlogResult | null;
}

export interface SocialProject extends ProjectBase {
  kind: 'social';
  request: SocialRequest;
  result: SocialResult | null;
}

export interface VideoSceneState {
  /** Changes whenever what the scene renders from changes; a render is reused while it matches. */
  hash: string;
  status: 'pending' | 'rendering' | 'ready' | 'failed';
  jobId: string | null;
  render: SceneRender | null;
  renderedHash: string | null;
  error: string | null;
  /**
   * The render scored against the request's locked style (the Style-Locker's
   * consistency score), once its score job has run; null before, or without a style.
   */
  styleScore?: SceneStyleScore | null;
  /**
   * Why the render has no score although the request names a style (a clip
   * ffmpeg cannot decode): the score job failed and the scene, still ready,
   * keeps the reason instead. Cleared with the score when the scene is rendered again.
   */
  styleUnscored?: { styleId: string; error: ErrorInfo } | null;
}

/** A clip's score is its lowest sampled frame's, with every frame's score (`frames`) and their mean (`meanScore`); a still has neither. */
export type SceneStyleScore = Pick<StyleScore, 'score' | 'drift' | 'parts' | 'frames' | 'meanScore'> & { styleId: string };

export interface VideoProject extends ProjectBase {
  kind: 'video';
  request: DirectorRequest;
  script: DirectorScript | null;
  scenes: VideoSceneState[];
  output: ComposeJobResult | null;
  /** The job composing the video from its scenes (its progress is the last step). */
  composeJobId: string | null;
  /** What rendering the scenes that need it would cost now. */
  renderEstimate: Estimate | null;
}

export type Project = BlogProject | SocialProject | VideoProject;
