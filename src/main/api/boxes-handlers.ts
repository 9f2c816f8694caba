import type { BoxesCallName } from '../../shared/api/boxes-contract.js';
import { BoxesService } from '../boxes/service.js';
import type { DraftItemSources } from '../boxes/series-input.js';
import { readKv, writeKv } from '../store/kv.js';

/** Where a draft's item sources are kept (settings table, one document per series). */
const DRAFT_SOURCES_KEY = 'boxes.draftSources.';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** The studio's blind-box service (the calls below and `kingjam boxes`). */
export function boxesService(studio: Studio): BoxesService {
  const { characters, meshes } = studio.creator;
  return new BoxesService(studio.sync, {
    libraryRoot: studio.paths.library,
    asset: (id) => studio.library.get(id),
    character: (id) => characters.get(id),
    meshModel: (id) => meshes.models.get(id),
    remembered: {
      get: (seriesId) => readKv<DraftItemSources[]>(studio.store, `${DRAFT_SOURCES_KEY}${seriesId}`) ?? [],
      set: (seriesId, items) => writeKv(studio.store, `${DRAFT_SOURCES_KEY}${seriesId}`, items),
    },
  });
}

/** The blind-box, collection, market and audit calls (issue 18); spread into createHandlers. */
export function boxesHandlers(studio: Studio): Pick<Handlers, BoxesCallName> {
  const boxes = boxesService(studio);
  return {
    'boxes.shop': () => boxes.shop(),
    'boxes.mySeries': () => boxes.mySeries(),
    'boxes.series': ({ id }) => boxes.series(id),
    'boxes.saveSeries': ({ id, draft }) => boxes.saveSeries(id, draft),
    'boxes.draftSources': ({ id }) => boxes.draftSources(id),
    'boxes.openSales': ({ id }) => boxes.openSales(id),
    'boxes.close': ({ id }) => boxes.close(id),
    'boxes.rotateSeed': ({ id }) => boxes.rotateSeed(id),
    'boxes.eligibility': () => boxes.eligibility(),
    'boxes.guardianConsent': (input) => boxes.guardianConsent(input),
    'boxes.open': (input) => boxes.open(input),
    'boxes.openings': ({ seriesId }) => boxes.openings(seriesId),
    'boxes.verify': ({ openingId }) => boxes.verify(openingId),
    'boxes.itemImage': ({ itemId }) => boxes.itemImage(itemId),
    'boxes.collection': () => boxes.collection(),
    'boxes.export': ({ format }) => boxes.export(format),
    'boxes.deliveries': () => boxes.deliveries(),
    'boxes.requestDelivery': (input) => boxes.requestDelivery(input),
    'boxes.deliveryReceived': ({ deliveryId }) => boxes.deliveryReceived(deliveryId),
    'boxes.cancelDelivery': ({ deliveryId }) => boxes.cancelDelivery(deliveryId),
    'boxes.seriesDeliveries': ({ seriesId }) => boxes.seriesDeliveries(seriesId),
    'boxes.shipDelivery': ({ deliveryId, shipment }) => boxes.shipDelivery(deliveryId, shipment),
    'market.listings': (input) => boxes.listings(input),
    'market.list': (input) => boxes.list(input),
    'market.cancel': ({ listingId }) => boxes.cancel(listingId),
    'market.buy': (input) => boxes.buy(input),
    'audit.head': () => boxes.auditHead(),
  };
}
