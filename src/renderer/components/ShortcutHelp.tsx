import { useT, type MessageKey } from '../i18n/index.js';
import { modKeyLabel } from '../lib/shortcuts.js';
import { pageShortcutLabel } from '../lib/generatorPages.js';
import { partnerShortcutLabel } from '../lib/partnerPages.js';
import { photoShortcutLabel } from '../lib/photoPage.js';
import { boxShortcutLabel } from '../lib/boxPages.js';
import { BOX_PAGES, GENERATOR_PAGES, PARTNER_PAGES, useNavigationStore } from '../stores/navigationStore.js';
import { Dialog } from './Dialog.js';

/** The list of keyboard shortcuts (opened with ? or from the sidebar). */
export function ShortcutHelp() {
  const t = useT();
  const open = useNavigationStore((s) => s.shortcutHelpOpen);
  const setOpen = useNavigationStore((s) => s.setShortcutHelp);
  if (!open) return null;
  const mod = modKeyLabel();
  const rows: { keys: string[]; label: MessageKey }[] = [
    { keys: [`${mod}1`, `${mod}2`, `${mod}3`, `${mod}4`], label: 'shortcuts.pages' },
    { keys: [`${mod}5`], label: 'shortcuts.video' },
    { keys: [`${mod}6`], label: 'shortcuts.credits' },
    { keys: [`${mod}7`], label: 'shortcuts.account' },
    { keys: [`${mod}8`], label: 'scheduler.shortcut' },
    { keys: [`${mod}9`], label: 'kol.review.shortcut' },
    { keys: GENERATOR_PAGES.map(pageShortcutLabel), label: 'shortcuts.generators' },
    { keys: PARTNER_PAGES.map(partnerShortcutLabel), label: 'shortcuts.partners' },
    { keys: [photoShortcutLabel()], label: 'photo.shortcut' },
    { keys: BOX_PAGES.map(boxShortcutLabel), label: 'boxes.shortcut' },
    { keys: [`${mod}I`], label: 'shortcuts.import' },
    { keys: ['/'], label: 'shortcuts.search' },
    { keys: ['Delete'], label: 'shortcuts.delete' },
    { keys: ['Esc'], label: 'shortcuts.close' },
    { keys: ['?'], label: 'shortcuts.help' },
  ];
  return (
    <Dialog
      title={t('shortcuts.title')}
      onClose={() => setOpen(false)}
      testId="shortcut-help"
      footer={
        <button type="button" className="btn btn--primary" data-autofocus="" onClick={() => setOpen(false)}>
          {t('common.close')}
        </button>
      }
    >
      <dl className="shortcut-list">
        {rows.map((row) => (
          <div key={row.label} className="shortcut-list__row">
            <dt>
              {row.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(row.label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
