import { useEffect } from 'react';
import { ConfirmHost } from './components/ConfirmHost.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { ImportHost } from './components/ImportHost.js';
import { ShortcutHelp } from './components/ShortcutHelp.js';
import { Sidebar } from './components/Sidebar.js';
import { Toasts } from './components/Toasts.js';
import { useCloudNotices } from './hooks/useCloudNotices.js';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts.js';
import { useT } from './i18n/index.js';
import { AccountPage } from './pages/account/AccountPage.js';
import { BlogPage } from './pages/blog/BlogPage.js';
import { DirectorPage } from './pages/director/DirectorPage.js';
import { SocialPage } from './pages/social/SocialPage.js';
import { SchedulerPage } from './pages/scheduler/SchedulerPage.js';
import { KolBatchesPage } from './pages/kol-batches/KolBatchesPage.js';
import { RiskRulesPage } from './pages/kol-rules/RiskRulesPage.js';
import { KolTriggersPage } from './pages/kol-triggers/KolTriggersPage.js';
import { LearningPage } from './pages/kol-learning/LearningPage.js';
import { PersonasPage } from './pages/kol-personas/PersonasPage.js';
import { ReviewPage } from './pages/kol-review/ReviewPage.js';
import { ComposerHost } from './pages/composer/ComposerDialog.js';
import { CreditsPage } from './pages/credits/CreditsPage.js';
import { DashboardPage } from './pages/dashboard/DashboardPage.js';
import { HistoryPage } from './pages/history/HistoryPage.js';
import { LibraryPage } from './pages/library/LibraryPage.js';
import { SettingsPage } from './pages/settings/SettingsPage.js';
import { VideoPage } from './pages/video/VideoPage.js';
import { ConnectionsPage } from './pages/connections/ConnectionsPage.js';
import { ReferralPage } from './pages/partners/ReferralPage.js';
import { PhotoPage } from './pages/photo/PhotoPage.js';
import { CharactersPage } from './pages/characters/CharactersPage.js';
import { StylesPage } from './pages/styles/StylesPage.js';
import { InkPage } from './pages/ink/InkPage.js';
import { Builder3dPage } from './pages/builder3d/Builder3dPage.js';
import { ProfilePage } from './pages/profile/ProfilePage.js';
import { BoxesSeriesPage } from './pages/box-series/BoxesSeriesPage.js';
import { ShopPage } from './pages/box-shop/ShopPage.js';
import { CollectionPage } from './pages/box-collection/CollectionPage.js';
import { MarketPage } from './pages/box-market/MarketPage.js';
import { VerifyPage } from './pages/box-verify/VerifyPage.js';
import { useAccountStore } from './stores/accountStore.js';
import { useNavigationStore, type PageId } from './stores/navigationStore.js';
import { useSettingsStore } from './stores/settingsStore.js';

function CurrentPage({ page }: { page: PageId }) {
  switch (page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'library':
      return <LibraryPage />;
    case 'history':
      return <HistoryPage />;
    case 'settings':
      return <SettingsPage />;
    case 'video':
      return <VideoPage />;
    case 'credits':
      return <CreditsPage />;
    case 'account':
      return <AccountPage />;
    case 'blog':
      return <BlogPage />;
    case 'social':
      return <SocialPage />;
    case 'director':
      return <DirectorPage />;
    case 'referrals':
      return <ReferralPage />;
    case 'profile':
      return <ProfilePage />;
    case 'connections':
      return <ConnectionsPage />;
    case 'scheduler':
      return <SchedulerPage />;
    case 'kol-batches':
      return <KolBatchesPage />;
    case 'kol-rules':
      return <RiskRulesPage />;
    case 'kol-triggers':
      return <KolTriggersPage />;
    case 'kol-learning':
      return <LearningPage />;
    case 'kol-personas':
      return <PersonasPage />;
    case 'kol-review':
      return <ReviewPage />;
    case 'photo':
      return <PhotoPage />;
    case 'characters':
      return <CharactersPage />;
    case 'styles':
      return <StylesPage />;
    case 'ink':
      return <InkPage />;
    case 'builder3d':
      return <Builder3dPage />;
    case 'box-series':
      return <BoxesSeriesPage />;
    case 'box-shop':
      return <ShopPage />;
    case 'box-collection':
      return <CollectionPage />;
    case 'box-market':
      return <MarketPage />;
    case 'box-verify':
      return <VerifyPage />;
  }
}

/** The shell: sidebar, the current page, and the app-wide layers (toasts, dialogs, import). */
export function App() {
  const t = useT();
  const page = useNavigationStore((s) => s.page);
  useGlobalShortcuts();
  useCloudNotices();

  useEffect(() => {
    void useSettingsStore.getState().load();
    void useAccountStore.getState().load();
  }, []);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return (
    <div className="app" data-testid="app">
      <Sidebar />
      <main className="main" id="main">
        <ConnectionBanner />
        <CurrentPage page={page} />
      </main>
      <ImportHost />
      <ComposerHost />
      <Toasts />
      <ConfirmHost />
      <ShortcutHelp />
    </div>
  );
}
