import { randomUUID } from 'node:crypto';
import type { MeshQuoteAdd, MeshQuoteUpdate, MeshQuoteView } from '../../shared/api/mesh-contract.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { MeshModels } from './models.js';
import type { MeshStore, QuoteRow } from './store.js';
import { quoteView } from './views.js';

/** The quotes factories send back for a model's production pack (the seed's manufacturing cloud, first step). */
export class MeshQuotes {
  constructor(
    private readonly d: CreatorHubDeps,
    private readonly store: MeshStore,
    private readonly models: MeshModels,
  ) {}

  add(req: MeshQuoteAdd): MeshQuoteView {
    this.models.row(req.modelId);
    const now = this.d.now();
    const row: QuoteRow = {
      id: randomUUID(), model_id: req.modelId, factory: req.factory, currency: req.currency, unit_price: req.unitPrice, moq: req.moq,
      lead_days: req.leadDays, notes: req.notes, received_at: req.receivedAt ?? now, created_at: now,
    };
    this.store.insertQuote(row);
    this.changed(row.model_id);
    return quoteView(row);
  }

  update(req: MeshQuoteUpdate): MeshQuoteView {
    const old = this.row(req.id);
    const row: QuoteRow = {
      ...old,
      factory: req.factory ?? old.factory,
      currency: req.currency ?? old.currency,
      unit_price: req.unitPrice ?? old.unit_price,
      moq: req.moq ?? old.moq,
      lead_days: req.leadDays ?? old.lead_days,
      notes: req.notes ?? old.notes,
      received_at: req.receivedAt ?? old.received_at,
    };
    this.store.updateQuote(row);
    this.changed(row.model_id);
    return quoteView(row);
  }

  delete(id: string): void {
    const row = this.row(id);
    this.store.deleteQuote(id);
    this.changed(row.model_id);
  }

  private row(id: string): QuoteRow {
    const row = this.store.quote(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: 'That quote is no longer here.', ...say('mesh.app.quoteNotFound') });
    return row;
  }

  private changed(modelId: string): void {
    this.store.touch(modelId, this.d.now());
    this.d.events.emit('mesh.updated', { id: modelId });
  }
}
