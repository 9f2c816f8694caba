import type { AssetView } from '../../shared/library.js';
import type { EventBus } from '../events.js';
import type { LibraryService } from '../library/service.js';
import type { Store } from '../store/db.js';

/** Stars (keeps) or unstars a library item; the cleanups never take a starred item. */
export function setStarred(store: Store, library: LibraryService, events: EventBus, id: string, starred: boolean): AssetView {
  library.get(id); // an item that is gone says so in the user's language
  store.run(store.q.updateTable('assets').set({ starred: starred ? 1 : 0 }).where('id', '=', id));
  events.emit('library.changed', { reason: 'updated', ids: [id] });
  return library.get(id);
}
