import { lifecycleText } from '../../../shared/lifecycle/text.js';

/** English texts of family `lifecycle` (issue 17: data lifecycle: retention and temp cleanup, stars, disk usage, /metrics). */
export const lifecycleEn = {
  ...lifecycleText.texts.en,
  'lifecycle.star.label': 'Star (keep) {name}',
  'lifecycle.star.title': 'Starred items are never cleaned up',
  'lifecycle.filter.starred': 'Starred',
  'lifecycle.when.now': 'now',
  'lifecycle.when.today': '{time} today',
  'lifecycle.when.tomorrow': '{time} tomorrow',
  'lifecycle.next.summary': 'Next cleanup {when}: {count} items, {size}',
  'lifecycle.next.nothing': 'Next cleanup {when}: nothing to remove',
  'lifecycle.next.temp': 'Temporary items {when}: {count} items, {size}',
  'lifecycle.next.list': 'Show what will be removed',
  'lifecycle.next.hint': 'Star an item to keep it. Items without a retention policy are never cleaned up.',
  'lifecycle.next.removeOn': 'Will be removed on {date}',
  'lifecycle.usage.title': 'Disk usage',
  'lifecycle.class.shortVideo': 'Short videos',
  'lifecycle.class.socialImage': 'Social images',
  'lifecycle.class.blogImage': 'Blog images',
  'lifecycle.class.scheduledMedia': 'Scheduled media',
  'lifecycle.class.temp': 'Intermediate files',
  'lifecycle.class.kept': 'Kept (no retention)',
  'lifecycle.usage.tempFolders': 'Temp folders',
  'lifecycle.usage.total': 'Total',
  'lifecycle.usage.starred': 'Starred: {count} items, {size}',
  'lifecycle.usage.free': 'Free disk space: {free} of {size}',
  'lifecycle.usage.noDisk': 'Free disk space could not be read',
} as const;

export type LifecycleMessages = Record<keyof typeof lifecycleEn, string>;
