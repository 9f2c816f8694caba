import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  body?: string;
  action?: ReactNode;
  testId?: string;
}

/** What a list shows when there is nothing in it, and what to do about that. */
export function EmptyState({ icon, title, body, action, testId }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state__icon">
        <Icon name={icon} size={32} />
      </div>
      <h3 className="empty-state__title">{title}</h3>
      {body ? <p className="empty-state__body">{body}</p> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
