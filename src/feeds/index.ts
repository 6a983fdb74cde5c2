/** Public surface of feeds/: converters of reference sources into STIX 2.1 objects. */
export { convertAttackBundle } from './attack-bundle.ts';
export { chainForAsset, normaliseAddress } from './chains.ts';
export { convertFeedFile, type FileConvertOptions, shippedGroups } from './convert-file.ts';
export { detectFeedFormat } from './detect-format.ts';
export { APT38, LAZARUS_GROUP, mispGroupId, TRADERTRAITOR } from './dprk-groups.ts';
export { convertTagpack, GRAPHSENSE_AUTHOR, type TagpackOptions } from './graphsense-tagpack.ts';
export { groupAliasIndex, normaliseTerm } from './group-terms.ts';
export { convertHeistAddresses, type HeistOptions } from './heist-addresses.ts';
export { FEEDS_NAMESPACE, feedId } from './ids.ts';
export { convertMispGalaxy, type MispGalaxyOptions } from './misp-galaxy.ts';
export { HEIST_AUTHOR, MISP_AUTHOR, OFAC_AUTHOR } from './objects.ts';
export { convertOfacEntities, type OfacEntitiesOptions } from './ofac-entities.ts';
export { assetFromFileName, convertOfacList, type OfacListOptions, parseOfacList } from './ofac-list.ts';
export {
  REFERENCE_FOLDERS,
  type ReferenceSource,
  referenceSources,
  SHIPPED_REFERENCE_DIR,
} from './reference-sources.ts';
export {
  type ConvertOptions,
  FEED_FORMATS,
  type FeedFormat,
  type FeedReport,
  newReport,
  type StixObject,
} from './types.ts';
