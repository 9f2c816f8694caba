/** English texts of family `photocheck` (issue 15: the local check of people photos): the texts of its server message keys (`msg.photo.check.*`). */
export const photocheckEn = {
  'msg.photo.check.unreadable': '“{file}” is not a photo the studio can read.',
  'msg.photo.check.unreadable.hint': 'Choose a JPG or PNG photo, or export it again from your photo app.',
  'msg.photo.check.heic-unsupported': '“{file}” is an HEIC photo, which this studio cannot open.',
  'msg.photo.check.heic-unsupported.hint': 'Share it from your phone as JPEG (iPhone: Settings → Camera → Formats → Most Compatible), then upload it again.',
  'msg.photo.check.file-too-large': '“{file}” is {size} MB; photos may be at most {limit} MB.',
  'msg.photo.check.file-too-large.hint': 'Upload a smaller copy (your phone’s “medium” or “large” size is plenty).',
  'msg.photo.check.image-too-small': 'This photo is only {width}×{height} pixels; it needs at least {min} pixels on its shorter side.',
  'msg.photo.check.image-too-small.hint': 'Use the original photo from the camera rather than a thumbnail or a screenshot.',
  'msg.photo.check.no-face': 'No face was found in this photo.',
  'msg.photo.check.no-face.hint': 'Use a photo where the person faces the camera, in good light, with nothing covering the face.',
  'msg.photo.check.several-faces': '{count} faces were found; a person photo should show one person.',
  'msg.photo.check.several-faces.hint': 'Upload one photo per person, or crop this one so only one face is in it.',
  'msg.photo.check.face-too-small': 'The face is too small ({size} px; at least {min} px).',
  'msg.photo.check.face-too-small.hint': 'Move closer, please — the face should fill more of the picture.',
  'msg.photo.check.face-unclear': 'A face may be there, but it is not clear enough (confidence {confidence}, at least {min}).',
  'msg.photo.check.face-unclear.hint': 'Face the camera in even light, without sunglasses, a mask or hair over the face.',
  'msg.photo.check.blurred': 'The face is blurred (sharpness {sharpness}, at least {min}).',
  'msg.photo.check.blurred.hint': 'Hold the phone still, tap the face to focus, and take the photo again.',
} as const;

export type PhotocheckMessages = Record<keyof typeof photocheckEn, string>;
