/**
 * TypeScript shapes of STIX 2.1 objects, consistent with the registry (`registry/`). They describe what
 * `validateObject` guarantees; every object also keeps its custom properties through the index signature.
 */

export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Record<string, string>;
  external_id?: string;
}

export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

export interface GranularMarking {
  selectors: string[];
  marking_ref?: string;
  lang?: string;
}

/** Any STIX object: its type and id, and whatever else it carries. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  object_marking_refs?: string[];
  granular_markings?: GranularMarking[];
  extensions?: Record<string, Record<string, unknown>>;
  [property: string]: unknown;
}

/** Common properties of SDOs and SROs. */
export interface StixDomainObject extends StixObject {
  spec_version: string;
  created_by_ref?: string;
  created: string;
  modified: string;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
}

export interface Indicator extends StixDomainObject {
  type: 'indicator';
  name?: string;
  description?: string;
  indicator_types?: string[];
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: string;
  valid_until?: string;
  kill_chain_phases?: KillChainPhase[];
}

export interface Identity extends StixDomainObject {
  type: 'identity';
  name: string;
  description?: string;
  roles?: string[];
  identity_class?: string;
  sectors?: string[];
  contact_information?: string;
}

export interface ThreatActor extends StixDomainObject {
  type: 'threat-actor';
  name: string;
  aliases?: string[];
  threat_actor_types?: string[];
}

export interface IntrusionSet extends StixDomainObject {
  type: 'intrusion-set';
  name: string;
  aliases?: string[];
}

export interface Malware extends StixDomainObject {
  type: 'malware';
  name?: string;
  /** Required by the spec; missing on some MITRE ATT&CK malware, which is accepted with a warning. */
  is_family?: boolean;
  aliases?: string[];
  malware_types?: string[];
}

export interface Report extends StixDomainObject {
  type: 'report';
  name: string;
  published: string;
  object_refs: string[];
  report_types?: string[];
}

export interface Relationship extends StixDomainObject {
  type: 'relationship';
  relationship_type: string;
  description?: string;
  source_ref: string;
  target_ref: string;
  start_time?: string;
  stop_time?: string;
}

export interface Sighting extends StixDomainObject {
  type: 'sighting';
  description?: string;
  first_seen?: string;
  last_seen?: string;
  count?: number;
  sighting_of_ref: string;
  observed_data_refs?: string[];
  where_sighted_refs?: string[];
  summary?: boolean;
}

export interface MarkingDefinition extends StixObject {
  type: 'marking-definition';
  spec_version: string;
  created: string;
  created_by_ref?: string;
  name?: string;
  definition_type?: string;
  definition?: Record<string, unknown>;
}

export interface ExtensionDefinition extends StixObject {
  type: 'extension-definition';
  spec_version: string;
  created_by_ref: string;
  created: string;
  modified: string;
  name: string;
  schema: string;
  version: string;
  extension_types: string[];
}

/** Any cyber-observable object; `spec_version` may be absent. */
export interface StixCyberObservable extends StixObject {
  defanged?: boolean;
}

export interface CryptocurrencyWallet extends StixCyberObservable {
  type: 'cryptocurrency-wallet';
  value: string;
  chain?: string;
}

export interface CryptocurrencyTransaction extends StixCyberObservable {
  type: 'cryptocurrency-transaction';
  value: string;
  chain?: string;
  from_refs?: string[];
  to_refs?: string[];
  amount?: string;
  asset?: string;
  block_number?: number;
  block_time?: string;
}

export interface BankAccount extends StixCyberObservable {
  type: 'bank-account';
  iban?: string;
  bic?: string;
  account_number?: string;
  holder_name?: string;
  country?: string;
  currency?: string;
}

export interface Bundle {
  type: 'bundle';
  id: string;
  objects?: StixObject[];
  [property: string]: unknown;
}
