import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';

/** Whether the last contact with the KingJam cloud worked. */
export function OnlineBadge({ online, testId }: { online: boolean; testId?: string }) {
  const t = useT();
  return (
    <span className={online ? 'online-badge online-badge--online' : 'online-badge online-badge--offline'} data-testid={testId} data-online={online}>
      {online ? <span className="online-badge__dot" aria-hidden="true" /> : <Icon name="cloudOff" size={14} />}
      {online ? t('account.online') : t('account.offline')}
    </span>
  );
}
