/** English texts of family `photofuse` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photofuseEn = {
  'msg.photo.fuse.noPerson': 'No person could be found in photo {index}.',
  'msg.photo.fuse.noPerson.hint': 'Use a photo where the person stands out clearly from the background, facing the camera.',
  'msg.photo.fuse.facesMismatch': 'This version showed {found} faces instead of {expected}, even after one more try.',
  'msg.photo.fuse.facesMismatch.hint': 'Choose one of the other versions, or try again with clearer, front-facing photos.',
  'msg.photo.fuse.costumeOffline': 'A costume change needs an online image-editing model; the offline backend cannot change clothes.',
  'msg.photo.fuse.costumeOffline.hint': 'Choose Gemini, Seedream or FLUX Kontext for a costume change, or leave the costume unchanged.',
} as const;

export type PhotofuseMessages = Record<keyof typeof photofuseEn, string>;
