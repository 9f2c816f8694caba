import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';

/** Placeholder until its area is built (issue 16). */
export function Builder3dPage() {
  const t = useT();
  return <PageHeader title={t('mesh.nav')} />;
}
