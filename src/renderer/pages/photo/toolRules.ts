import type { PhotoUploadView } from '../../../shared/api/photo-contract.js';
import { PHOTO_PROBLEMS, type PhotoProblem } from '../../../shared/photo/check.js';

export type PhotoTool = 'fuse' | 'makeover' | 'repair';

/**
 * The check's problems that keep a photo out of each tool, as main applies
 * them (src/main/photo/requests.ts): a person photo for the puzzle must pass
 * outright; a family photo for the makeover has several, often small faces by
 * nature; an old photo for repair is small, faded or blurred — that is why it
 * is being repaired — and only has to be readable.
 */
const BLOCKING: Record<PhotoTool, readonly PhotoProblem[]> = {
  fuse: PHOTO_PROBLEMS,
  makeover: PHOTO_PROBLEMS.filter((p) => p !== 'several-faces' && p !== 'face-too-small' && p !== 'face-unclear'),
  repair: ['unreadable', 'heic-unsupported', 'file-too-large'],
};

/** The problems this tool cannot use the photo with. */
export function blockingIssues(upload: PhotoUploadView, tool: PhotoTool): PhotoUploadView['issues'] {
  return upload.issues.filter((i) => BLOCKING[tool].includes(i.problem));
}

/** Whether the photo can go into the tool's run: checked, still there, and nothing the tool cannot live with. */
export function isUsableFor(upload: PhotoUploadView, tool: PhotoTool): boolean {
  if (upload.status === 'checking' || upload.status === 'deleted' || upload.error || upload.preview === null) return false;
  if (tool === 'fuse' && upload.faces.length !== 1) return false;
  if (tool === 'makeover' && upload.faces.length === 0) return false;
  return blockingIssues(upload, tool).length === 0;
}
