import { useT, type MessageKey } from '../i18n/index.js';
import { isKolPage, useNavigationStore, type PageId } from '../stores/navigationStore.js';
import { CreditsBadge } from './CreditsBadge.js';
import { Icon, type IconName } from './Icon.js';
import { LanguageSelect } from './LanguageSelect.js';
import { pageShortcutLabel } from '../lib/generatorPages.js';
import { isPartnerPage, partnerShortcutLabel } from '../lib/partnerPages.js';
import { photoShortcutLabel } from '../lib/photoPage.js';
import { boxShortcutLabel, isBoxPage } from '../lib/boxPages.js';

/** `group` starts a titled group of the sidebar (its items follow until the next group). */
const NAV_ITEMS: { page: PageId; icon: IconName; label: MessageKey; group?: MessageKey }[] = [
  { page: 'dashboard', icon: 'dashboard', label: 'nav.dashboard' },
  { page: 'library', icon: 'library', label: 'nav.library' },
  { page: 'video', icon: 'film', label: 'nav.video' },
  { page: 'blog', icon: 'article', label: 'nav.blog' },
  { page: 'social', icon: 'share', label: 'nav.social' },
  { page: 'director', icon: 'clapper', label: 'nav.director' },
  { page: 'photo', icon: 'image', label: 'photo.nav' },
  { page: 'characters', icon: 'account', label: 'character.nav' },
  { page: 'styles', icon: 'palette', label: 'style.nav' },
  { page: 'ink', icon: 'brush', label: 'ink.nav' },
  { page: 'builder3d', icon: 'cube', label: 'mesh.nav' },
  { page: 'box-series', icon: 'cube', label: 'boxstudio.nav' },
  { page: 'scheduler', icon: 'calendar', label: 'scheduler.nav' },
  { page: 'kol-personas', icon: 'account', label: 'kol.personas.nav' },
  { page: 'kol-review', icon: 'check', label: 'kol.review.nav' },
  { page: 'kol-batches', icon: 'article', label: 'kolbatch.nav' },
  { page: 'kol-triggers', icon: 'history', label: 'koltrig.nav' },
  { page: 'kol-learning', icon: 'arrowUp', label: 'kollearn.nav' },
  { page: 'kol-rules', icon: 'warning', label: 'kolscore.nav' },
  { page: 'box-shop', icon: 'cube', label: 'shop.nav', group: 'boxes.group' },
  { page: 'box-collection', icon: 'library', label: 'collection.nav' },
  { page: 'box-market', icon: 'wallet', label: 'market.nav' },
  { page: 'box-verify', icon: 'check', label: 'verify.nav' },
  { page: 'history', icon: 'history', label: 'nav.history', group: 'nav.general' },
  { page: 'credits', icon: 'wallet', label: 'nav.credits' },
  { page: 'account', icon: 'account', label: 'nav.account' },
  { page: 'referrals', icon: 'wallet', label: 'nav.referrals' },
  { page: 'profile', icon: 'account', label: 'nav.profile' },
  { page: 'connections', icon: 'globe', label: 'nav.connections' },
  { page: 'settings', icon: 'settings', label: 'nav.settings' },
];

function shortcutOf(page: PageId): string {
  if (page === 'photo') return photoShortcutLabel();
  if (isBoxPage(page)) return boxShortcutLabel(page);
  return isPartnerPage(page) ? partnerShortcutLabel(page) : pageShortcutLabel(page);
}

/** The app's navigation: only pages that work, plus the quick language switch. */
export function Sidebar() {
  const t = useT();
  const page = useNavigationStore((s) => s.page);
  const go = useNavigationStore((s) => s.go);
  const openHelp = useNavigationStore((s) => s.setShortcutHelp);
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <div className="sidebar__logo" aria-hidden="true">
          K
        </div>
        <div>
          <div className="sidebar__name">{t('app.name')}</div>
          <div className="sidebar__tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <nav className="sidebar__nav" aria-label={t('nav.main')}>
        {NAV_ITEMS.map((item) => [
          item.group ? (
            <div key={`group-${item.group}`} className="nav-group" data-testid={`nav-group-${item.page}`}>
              {t(item.group)}
            </div>
          ) : null,
          <button
            key={item.page}
            type="button"
            className={item.page === page ? 'nav-item nav-item--active' : 'nav-item'}
            aria-current={item.page === page ? 'page' : undefined}
            data-testid={`nav-${item.page}`}
            onClick={() => go(item.page)}
          >
            <Icon name={item.icon} />
            <span className="nav-item__label">{t(item.label)}</span>
            {item.page === 'credits' ? <CreditsBadge /> : null}
            {/* The KOL workspace's pages have no keyboard shortcut. */}
            {isKolPage(item.page) ? null : <kbd className="nav-item__kbd">{shortcutOf(item.page)}</kbd>}
          </button>,
        ])}
      </nav>
      <div className="sidebar__footer">
        <label className="sidebar__language">
          <Icon name="globe" />
          <span className="visually-hidden">{t('language.quick')}</span>
          <LanguageSelect testId="language-quick" className="select--compact" />
        </label>
        <button type="button" className="btn btn--ghost btn--small" data-testid="shortcut-help-open" onClick={() => openHelp(true)}>
          <Icon name="keyboard" />
          {t('nav.shortcuts')}
        </button>
      </div>
    </aside>
  );
}
