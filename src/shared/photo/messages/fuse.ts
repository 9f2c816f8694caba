/** Message keys of the photo studio's fuse area (issue 15), each `photo.fuse.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_FUSE_MESSAGES = {
  /** A person photo whose people mask is empty: nobody to cut out. */
  'photo.fuse.noPerson': { params: ['index'], hint: true },
  /** A variant whose face count was wrong even after its one replacement. */
  'photo.fuse.facesMismatch': { params: ['expected', 'found'], hint: true },
  /** The makeover's costume change asked of the offline backend, which cannot change clothes. */
  'photo.fuse.costumeOffline': { params: [], hint: true },
} as const;
