import { api } from '../../api/index.js';
import { mediaUrlOf } from '../../lib/videoRender.js';
import { useSettingsStore } from '../../stores/settingsStore.js';

/** A URL for a file main wrote into the library, or null when it cannot be reached. */
export function useMediaUrl(): (file: string | null) => string | null {
  const libraryDir = useSettingsStore((s) => s.appInfo?.libraryDir ?? null);
  return (file) => (file ? mediaUrlOf(libraryDir, file, (p) => api().mediaUrl(p)) : null);
}

/** An image from the library (a cover, a post's picture). */
export function MediaImage({ file, alt, testId, className }: { file: string; alt: string; testId: string; className?: string }) {
  const url = useMediaUrl()(file);
  if (!url) return null;
  return <img className={className ?? 'gen-image'} src={url} alt={alt} data-testid={testId} />;
}
