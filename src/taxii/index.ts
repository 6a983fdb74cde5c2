/** Public surface of taxii/: TAXII 2.1 over the hub, mounted on a fastify app at /taxii2/. */
export { collectionId } from './collection-id.ts';
export { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-types.ts';
export { registerTaxii } from './register-taxii.ts';
export type { TaxiiOptions } from './taxii-context.ts';
