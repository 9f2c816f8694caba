import { z } from 'zod';
import { wpCall, wpFailure, wpOk, type WordPressSite } from './site.js';

/**
 * Categories and tags are given by name; WordPress wants their ids. Each name
 * is looked up (`?search=`, which matches parts of names, so the exact name is
 * picked from the answers) and created only when the site has none — so a
 * second post with the same tags reuses them.
 */

export type Taxonomy = 'categories' | 'tags';

const term = z.object({ id: z.number(), name: z.string() });
const termExists = z.object({ code: z.literal('term_exists'), data: z.object({ term_id: z.number() }) });

/** WordPress answers names HTML-escaped ("Food &amp; Drink"). */
function unescapeName(name: string): string {
  return name.replace(/&(amp|lt|gt|quot|#0?39|#8217);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", '#8217': '’' })[e] ?? _m);
}

const same = (a: string, b: string) => unescapeName(a).trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

async function termId(site: WordPressSite, taxonomy: Taxonomy, name: string): Promise<number> {
  const found = z.array(term).safeParse(wpOk(site, await wpCall(site, `/wp/v2/${taxonomy}?search=${encodeURIComponent(name)}&per_page=100&_fields=id,name`)));
  const hit = found.success ? found.data.find((t) => same(t.name, name)) : undefined;
  if (hit) return hit.id;
  const created = await wpCall(site, `/wp/v2/${taxonomy}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  if (created.status === 201 || created.status === 200) {
    const made = term.safeParse(created.json);
    if (made.success) return made.data.id;
  }
  // Made by someone else between the search and the create: WordPress names the existing one.
  const exists = termExists.safeParse(created.json);
  if (exists.success) return exists.data.data.term_id;
  throw wpFailure(site, created);
}

/** The ids of `names` in `taxonomy`, created where missing, in the given order, each name once. */
export async function termIds(site: WordPressSite, taxonomy: Taxonomy, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.trim().toLocaleLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    ids.push(await termId(site, taxonomy, name.trim()));
  }
  return ids;
}
