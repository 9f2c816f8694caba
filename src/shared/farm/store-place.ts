import { fillTemplate } from '../area-text.js';
import type { Language } from '../settings.js';
import { storeEn, storeZhCN, storeZhTW, type StoreTextKey } from './store-text.js';

/** Where a render farm's shared file store is: a folder every machine mounts, or an S3 bucket (never a secret). */
export type StorePlace = { kind: 'folder'; root: string } | { kind: 's3'; bucket: string; prefix?: string | undefined; endpoint?: string | undefined };

const TEXTS: Record<Language, Record<StoreTextKey, string>> = { en: storeEn, 'zh-TW': storeZhTW, 'zh-CN': storeZhCN };

/**
 * The store named in `language` (`folder /mnt/farm`, `S3 bucket b, prefix p`):
 * the worker's and dispatcher's lines say it in the user's language; in
 * English it is also the store's description in logs and error messages.
 */
export function storePlaceIn(place: StorePlace, language: Language): string {
  const say = (key: StoreTextKey, params: Record<string, string>): string => fillTemplate(TEXTS[language][key], params);
  if (place.kind === 'folder') return say('farm.store.folder', { root: place.root });
  return [
    say('farm.store.s3', { bucket: place.bucket }),
    place.prefix ? say('farm.store.s3Prefix', { prefix: place.prefix }) : '',
    place.endpoint ? say('farm.store.s3Endpoint', { endpoint: place.endpoint }) : '',
  ].join('');
}
