/**
 * A file's path inside the media library ('/'-separated, as the media URLs
 * take it), or null when the file is outside it. Pure string work, so the
 * renderer can use it on paths main reports (Windows or POSIX).
 */
export function libraryPathOf(libraryDir: string, file: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = `${norm(libraryDir)}/`;
  const target = norm(file);
  if (!target.startsWith(root)) return null;
  const rel = target.slice(root.length);
  return rel.split('/').includes('..') ? null : rel;
}
