/** Message keys of the farm's shared file store (folder or S3 bucket), each `farm.store.<name>`; spread into FARM_MESSAGES. */
export const FARM_STORE_MESSAGES = {
  'farm.store.badSpec': { params: ['spec'], hint: true },
  'farm.store.secretInUrl': { params: [], hint: true },
  'farm.store.notFound': { params: ['key', 'store'] },
  'farm.store.cutShort': { params: ['key', 'store'] },
  'farm.store.denied': { params: ['store', 'detail'], hint: true },
  'farm.store.noBucket': { params: ['bucket'], hint: true },
  'farm.store.unreachable': { params: ['store', 'detail'], hint: true },
  'farm.store.failed': { params: ['store', 'detail'], hint: true },
} as const;
