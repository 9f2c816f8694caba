import type { MouseEvent, ReactNode } from 'react';
import { libraryPathOf } from '../../shared/paths.js';
import { api, errorInfoOf } from '../api/index.js';
import { hrefOf, openTarget, type OpenTarget } from '../api/open.js';
import { useSettingsStore } from '../stores/settingsStore.js';
import { toastError } from '../stores/toastStore.js';

type Props = {
  children: ReactNode;
  testId?: string;
  className?: string;
  /** In a browser, save under this name instead of opening (the desktop opens it in its app). */
  download?: string;
  /** Rendered instead of the link when a file is outside the library (no URL reaches it). */
  fallback?: ReactNode;
} & ({ url: string; file?: undefined } | { file: string; url?: undefined });

/**
 * An "Open" link for a web address or a file main wrote into the library. In a
 * browser it is a plain new-tab link (files through the bridge's media route);
 * on the desktop a click goes to system.open, since the window opens no new windows.
 */
export function OpenLink({ children, testId, className, download, fallback = null, url, file }: Props) {
  const libraryDir = useSettingsStore((s) => s.appInfo?.libraryDir ?? null);
  const rel = file !== undefined && libraryDir ? libraryPathOf(libraryDir, file) : null;
  const target: OpenTarget | null = url !== undefined ? { kind: 'url', url } : rel !== null ? { kind: 'file', path: rel } : null;
  if (!target) return <>{fallback}</>;
  const desktop = api().shell === 'electron';
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    openTarget(target!).catch((err: unknown) => toastError(errorInfoOf(err)));
  }
  return (
    <a
      href={hrefOf(target)}
      target="_blank"
      rel="noreferrer noopener"
      download={desktop ? undefined : download}
      className={className}
      data-testid={testId}
      onClick={desktop ? onClick : undefined}
    >
      {children}
    </a>
  );
}
