import { useState, type DragEvent, type ReactNode } from 'react';
import type { OutboxPostView, PublishAccountView } from '../../../shared/publish/post.js';
import { useLanguage } from '../../i18n/index.js';
import { dayKey, groupByDay, monthGrid, moveToDay, moveToSlot, sameMonth, startOfDay, weekDays, type CalendarView, type WeekStart } from '../../lib/calendar.js';
import { canReschedule, postTime } from '../../stores/schedulerStore.js';
import { reschedulePost } from './postActions.js';
import { POST_DRAG_TYPE, PostChip } from './PostChip.js';
import { formatDay } from './postText.js';

interface ViewProps {
  posts: OutboxPostView[];
  accounts: Map<string, PublishAccountView>;
  anchor: number;
  weekStart: WeekStart;
  onOpen: (post: OutboxPostView) => void;
}

/** A day or hour that takes a dropped post: highlighted while one is over it. */
function DropZone({ className, label, testId, day, slot, posts, children }: { className: string; label: string; testId: string; day: number; slot?: number; posts: OutboxPostView[]; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(POST_DRAG_TYPE);
  function onDrop(event: DragEvent<HTMLDivElement>) {
    setOver(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const post = posts.find((p) => p.id === event.dataTransfer.getData(POST_DRAG_TYPE));
    if (!post || post.scheduledAt === null || !canReschedule(post)) return;
    void reschedulePost(post, slot === undefined ? moveToDay(post.scheduledAt, day) : moveToSlot(post.scheduledAt, day, slot));
  }
  return (
    <div
      className={over ? `${className} drop-zone--over` : className}
      role="group"
      aria-label={label}
      data-testid={testId}
      data-day={dayKey(day)}
      data-hour={slot}
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}

function weekdayNames(days: number[], language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short' });
  return days.map((d) => format.format(new Date(d)));
}

export function MonthView({ posts, accounts, anchor, weekStart, onOpen }: ViewProps) {
  const language = useLanguage();
  const weeks = monthGrid(anchor, weekStart);
  const byDay = groupByDay(posts, postTime);
  const today = dayKey(Date.now());
  return (
    <div className="month-view" data-testid="calendar-month">
      <div className="month-view__weekdays" aria-hidden="true">
        {weekdayNames(weeks[0]!, language).map((name) => (
          <div key={name}>{name}</div>
        ))}
      </div>
      {weeks.map((week) => (
        <div key={week[0]} className="month-view__week">
          {week.map((day) => {
            const key = dayKey(day);
            const inMonth = sameMonth(day, anchor);
            return (
              <DropZone
                key={key}
                className={`month-cell${inMonth ? '' : ' month-cell--outside'}${key === today ? ' month-cell--today' : ''}`}
                label={formatDay(day, language)}
                testId="calendar-day"
                day={day}
                posts={posts}
              >
                <span className="month-cell__date">{new Date(day).getDate()}</span>
                {(byDay.get(key) ?? []).map((post) => (
                  <PostChip key={post.id} post={post} account={accounts.get(post.accountId)} view="month" onOpen={() => onOpen(post)} />
                ))}
              </DropZone>
            );
          })}
        </div>
      ))}
    </div>
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function WeekView({ posts, accounts, anchor, weekStart, onOpen }: ViewProps) {
  const language = useLanguage();
  const days = weekDays(anchor, weekStart);
  const byDay = groupByDay(posts, postTime);
  const hourFormat = new Intl.DateTimeFormat(language, { hour: 'numeric' });
  const hourOf = (post: OutboxPostView) => new Date(postTime(post)!).getHours();
  return (
    <div className="week-view" data-testid="calendar-week">
      <div className="week-view__row week-view__row--head">
        <div />
        {days.map((day) => (
          <div key={day} className={dayKey(day) === dayKey(Date.now()) ? 'week-view__day week-view__day--today' : 'week-view__day'}>
            {formatDay(day, language)}
          </div>
        ))}
      </div>
      {HOURS.map((hour) => (
        <div key={hour} className="week-view__row">
          <div className="week-view__hour">{hourFormat.format(new Date(2000, 0, 1, hour))}</div>
          {days.map((day) => (
            <DropZone key={day} className="week-slot" label={`${formatDay(day, language)} ${hourFormat.format(new Date(2000, 0, 1, hour))}`} testId="calendar-slot" day={day} slot={hour} posts={posts}>
              {(byDay.get(dayKey(day)) ?? [])
                .filter((p) => hourOf(p) === hour)
                .map((post) => (
                  <PostChip key={post.id} post={post} account={accounts.get(post.accountId)} view="week" onOpen={() => onOpen(post)} />
                ))}
            </DropZone>
          ))}
        </div>
      ))}
    </div>
  );
}

/** The calendar of the chosen view. */
export function CalendarBody({ view, ...props }: ViewProps & { view: Exclude<CalendarView, 'list'> }) {
  return view === 'week' ? <WeekView {...props} anchor={startOfDay(props.anchor)} /> : <MonthView {...props} />;
}
