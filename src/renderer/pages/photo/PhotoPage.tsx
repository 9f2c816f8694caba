import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { useProviderChoices } from '../generate/useProviderChoices.js';
import { FuseTool } from './FuseTool.js';
import { MakeoverTool } from './MakeoverTool.js';
import { RepairTool } from './RepairTool.js';
import type { PhotoTool } from './toolRules.js';

const TOOLS: { id: PhotoTool; label: MessageKey }[] = [
  { id: 'fuse', label: 'photo.tab.fuse' },
  { id: 'makeover', label: 'photo.tab.makeover' },
  { id: 'repair', label: 'photo.tab.repair' },
];

/**
 * 照相館 / Photo studio: the time-space puzzle, the rich makeover and the
 * old-photo repair as tabs (each keeps its photos and choices while another
 * is shown), and micro-motion on a chosen result.
 */
export function PhotoPage() {
  const t = useT();
  const [tool, setTool] = useState<PhotoTool>('fuse');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const error = usePhotoStore((s) => s.error);
  const load = usePhotoStore((s) => s.load);
  const statuses = useProviderChoices();

  useEffect(() => {
    void load();
  }, [load]);

  // The tabs pattern: arrows move between tabs and show them, Home/End jump to the ends.
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, at: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? TOOLS.length - 1 : step ? (at + step + TOOLS.length) % TOOLS.length : null;
    if (next === null) return;
    event.preventDefault();
    setTool(TOOLS[next]!.id);
    tabs.current[next]?.focus();
  }

  return (
    <section className="page" data-testid="page-photo">
      <PageHeader title={t('photo.title')} subtitle={t('photo.subtitle')} />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} testId="photo-error" /> : null}
      <div className="photo-tabs" role="tablist" aria-label={t('photo.tabs')}>
        {TOOLS.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`photo-tab-${tab.id}`}
            aria-selected={tool === tab.id}
            aria-controls={`photo-panel-${tab.id}`}
            tabIndex={tool === tab.id ? 0 : -1}
            className="photo-tab"
            data-testid={`photo-tab-${tab.id}`}
            onKeyDown={(e) => onKeyDown(e, i)}
            onClick={() => setTool(tab.id)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      {TOOLS.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`photo-panel-${tab.id}`} aria-labelledby={`photo-tab-${tab.id}`} hidden={tool !== tab.id}>
          {tab.id === 'fuse' ? <FuseTool statuses={statuses} /> : tab.id === 'makeover' ? <MakeoverTool statuses={statuses} /> : <RepairTool statuses={statuses} />}
        </div>
      ))}
    </section>
  );
}
