/** English texts of family `photomotion` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photomotionEn = {
  'msg.photo.motion.maskMissing': 'The people mask {file} does not exist.',
  'msg.photo.motion.maskMissing.hint': 'Make the family photo again, or start the motion without a mask so the people are found automatically.',
  'msg.photo.motion.maskUnreadable': 'The people mask {file} is not a readable image.',
  'msg.photo.motion.maskUnreadable.hint': 'Use the mask made with the family photo (a grey PNG, white where the people are), or leave it out.',
  'msg.photo.motion.maskMismatch': 'The people mask {mask} ({maskSize}) does not have the shape of the photo {image} ({imageSize}).',
  'msg.photo.motion.maskMismatch.hint': 'Use the mask made for this photo, or leave it out so the people are found automatically.',
  'msg.photo.motion.noPeople': 'No people were found in {file}.',
  'msg.photo.motion.noPeople.hint': 'The motion keeps the people still, so it needs them: use a photo in which the people are clearly visible, or a mask with the people in white.',
  'photo.backend.local': 'Local motion (background only, on this computer)',
  'photo.backend.kling': 'Kling v2.1 video model (Replicate)',
  'photo.backend.veo': 'Veo video model (Google)',
  'photo.backend.seedance': 'Seedance video model (ByteDance, Replicate)',
  'photo.motion.localNote': 'Only the background moves: the people mask keeps everyone exactly as in the photo.',
  'photo.motion.onlineNote': 'The video model is asked for minimal motion; the faces of its clip are then checked against the photo.',
  'photo.motion.faces.ok': 'Face check passed: the photo’s {expected} face(s) are in every checked frame of the clip.',
  'photo.motion.faces.failed': 'Face check failed: the photo has {expected} face(s), the checked frames of the clip show {found}. The model changed the people.',
  'photo.motion.faces.useLocal': 'Make the local motion instead (the people stay as in the photo)',
} as const;

export type PhotomotionMessages = Record<keyof typeof photomotionEn, string>;
