/** Message keys of the Style-Locker (issue 16), each `style.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const STYLE_MESSAGES = {
  /** Fewer than 3 or more than 10 reference images. */
  'style.imageCount': { params: ['count', 'min', 'max'], hint: true },
  'style.notFound': { params: ['id'] },
  /** A reference or scored file that sharp cannot decode. */
  'style.unreadable': { params: ['file'], hint: true },
  /** A generated clip whose frames ffmpeg cannot decode: it is left unscored (the render goes on). */
  'style.clipUnreadable': { params: ['file'], hint: true },
  /** The profile is still being extracted (or its extraction failed): nothing to apply or score against. */
  'style.notReady': { params: ['name'], hint: true },
  /** A generation named a style that is not locked. */
  'style.notLocked': { params: ['name'], hint: true },
  /** Editing a locked style is refused: unlock it first. */
  'style.locked': { params: ['name'], hint: true },
} as const;
