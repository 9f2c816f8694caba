import type { PhotoUploadView } from '../../../shared/api/photo-contract.js';
import type { PhotoProblem } from '../../../shared/photo/check.js';

export type PhotoTool = 'fuse' | 'makeover' | 'repair';

/**
 * The check's problems a tool can live with: a person photo for the puzzle
 * must pass outright; a family photo for the makeover has several faces by
 * nature; an old photo for repair is small, faded or blurred — that is why it
 * is being repaired — and only has to be readable.
 */
export const TOLERATED: Record<PhotoTool, readonly PhotoProblem[]> = {
  fuse: [],
  makeover: ['several-faces'],
  repair: ['several-faces', 'blurred', 'face-too-small', 'face-unclear', 'no-face', 'image-too-small'],
};

/** The problems this tool cannot use the photo with. */
export function blockingIssues(upload: PhotoUploadView, tool: PhotoTool): PhotoUploadView['issues'] {
  return upload.issues.filter((i) => !TOLERATED[tool].includes(i.problem));
}

/** Whether the photo can go into the tool's run: checked, still there, and nothing the tool cannot live with. */
export function isUsableFor(upload: PhotoUploadView, tool: PhotoTool): boolean {
  if (upload.status === 'checking' || upload.status === 'deleted' || upload.error) return false;
  return blockingIssues(upload, tool).length === 0;
}
