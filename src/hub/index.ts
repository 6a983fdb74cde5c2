/**
 * Public surface of the hub: what it does with STIX objects — import, export, organisations,
 * reference data.
 */
export { readBundleElements } from './bundle/read-bundle.ts';
export { exportBundle } from './export/export-bundle.ts';
export {
  DEFAULT_IMPORT_BATCH,
  type ImportElement,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  importBundle,
  importElements,
  type Rejection,
} from './import/import-bundle.ts';
export { type Provenance, prepareVersion } from './import/prepare-version.ts';
export {
  type AudienceRequest,
  defaultCommunity,
  resolveAudience,
  setDefaultCommunity,
} from './members/audience.ts';
export { type AuditInput, AuditLog, audit, auditEntry, auditOperator } from './members/audit.ts';
export { authenticate, authenticateOnce, cachedCaller, keyFromHeader } from './members/authenticate.ts';
export { type Caller, hasRole, type Role, scopeOf } from './members/caller.ts';
export {
  communityIdsOf,
  createCommunity,
  requireCommunity,
  setCommunityMembers,
} from './members/communities.ts';
export { CALLER_TTL_MS } from './members/key-cache.ts';
export {
  createKey,
  KEY_ROLES,
  type KeyInfo,
  keyInfo,
  listKeys,
  parseRole,
  revokeKey,
} from './members/keys.ts';
export { addOrganisation, requireOrganisation, stixNow } from './organisations/organisations.ts';
export {
  loadReferenceData,
  REFERENCE_ORG_NAME,
  type ReferenceFileResult,
  type ReferenceOptions,
} from './reference/load-reference-data.ts';
