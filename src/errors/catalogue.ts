/**
 * The one catalogue of Bulwark errors. Codes are stable across releases: tools and tests match on them.
 * Each entry is mapped once to an HTTP status (here) and once to a process exit code (`exitCodeOf`).
 * Add new entries at the end of the section that owns them; never rename or reuse a code.
 */
export interface ErrorSpec {
  readonly code: string;
  readonly status: number;
  readonly title: string;
}

function spec(code: string, status: number, title: string): ErrorSpec {
  return Object.freeze({ code: `BULWARK_E_${code}`, status, title });
}

export const Errors = Object.freeze({
  // usage and requests
  USAGE: spec('USAGE', 400, 'Invalid usage'),
  BAD_REQUEST: spec('BAD_REQUEST', 400, 'Invalid request'),
  UNAUTHENTICATED: spec('UNAUTHENTICATED', 401, 'Authentication required'),
  FORBIDDEN: spec('FORBIDDEN', 403, 'Not permitted'),
  NOT_FOUND: spec('NOT_FOUND', 404, 'Not found'),
  NOT_ACCEPTABLE: spec('NOT_ACCEPTABLE', 406, 'Not acceptable'),
  CONFLICT: spec('CONFLICT', 409, 'Conflict'),
  PAYLOAD_TOO_LARGE: spec('PAYLOAD_TOO_LARGE', 413, 'Payload too large'),
  UNSUPPORTED_MEDIA_TYPE: spec('UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported media type'),
  RATE_LIMITED: spec('RATE_LIMITED', 429, 'Too many requests'),
  INTERNAL: spec('INTERNAL', 500, 'Internal error'),

  // input documents
  INVALID_JSON: spec('INVALID_JSON', 400, 'Malformed JSON'),
  NOT_A_BUNDLE: spec('NOT_A_BUNDLE', 400, 'Not a STIX bundle'),
  INPUT_TOO_LARGE: spec('INPUT_TOO_LARGE', 413, 'Input too large'),

  // STIX
  STIX_INVALID: spec('STIX_INVALID', 422, 'Invalid STIX object'),
  STIX_UNKNOWN_TYPE: spec('STIX_UNKNOWN_TYPE', 422, 'Unknown STIX type'),
  STIX_DUPLICATE: spec('STIX_DUPLICATE', 409, 'Duplicate STIX object'),
  STIX_NOT_AUTHOR: spec('STIX_NOT_AUTHOR', 403, 'Only the author organisation versions an object'),
  PATTERN_SYNTAX: spec('PATTERN_SYNTAX', 422, 'Invalid STIX pattern'),
  SIGMA_INVALID: spec('SIGMA_INVALID', 422, 'Invalid Sigma rule'),
  SCAN_MAPPING: spec('SCAN_MAPPING', 422, 'Invalid log field mapping'),
  SCAN_INPUT: spec('SCAN_INPUT', 422, 'Unreadable scan input'),
  SCAN_HUB: spec('SCAN_HUB', 502, 'The hub refused or failed a scan request'),

  // store
  STORE_UNAVAILABLE: spec('STORE_UNAVAILABLE', 503, 'Store unavailable'),
  STORE_CORRUPT: spec('STORE_CORRUPT', 500, 'Store damaged'),
  STORE_VERSION: spec('STORE_VERSION', 500, 'Store schema newer than this program'),

  // members
  ORG_NOT_FOUND: spec('ORG_NOT_FOUND', 404, 'Organisation not found'),
  ORG_EXISTS: spec('ORG_EXISTS', 409, 'Organisation exists'),
  COMMUNITY_NOT_FOUND: spec('COMMUNITY_NOT_FOUND', 404, 'Community not found'),
  COMMUNITY_EXISTS: spec('COMMUNITY_EXISTS', 409, 'Community exists'),
  KEY_NOT_FOUND: spec('KEY_NOT_FOUND', 404, 'API key not found'),

  // reference data and feeds
  FEED_FORMAT: spec('FEED_FORMAT', 422, 'Unrecognised feed file'),

  // payments
  PAYMENT_MALFORMED: spec('PAYMENT_MALFORMED', 422, 'Malformed payment message'),
  PAYMENT_CONFIG: spec('PAYMENT_CONFIG', 422, 'Invalid payment-screening configuration'),
  PAYMENT_HISTORY: spec('PAYMENT_HISTORY', 422, 'Unreadable payment history'),
  PAYMENT_HOLD_NOT_FOUND: spec('PAYMENT_HOLD_NOT_FOUND', 404, 'Payment hold not found'),
  PAYMENT_HOLD_CLOSED: spec('PAYMENT_HOLD_CLOSED', 409, 'Payment hold already released or rejected'),
  PAYMENT_HOLD_OWN: spec('PAYMENT_HOLD_OWN', 403, 'A payment hold needs another person'),
  PAYMENT_HOLD_TWICE: spec('PAYMENT_HOLD_TWICE', 409, 'Already decided on this payment hold'),

  // Ethereum ingestion
  ETH_RPC_UNAVAILABLE: spec('ETH_RPC_UNAVAILABLE', 503, 'Ethereum node unreachable'),
  ETH_RPC_ERROR: spec('ETH_RPC_ERROR', 502, 'Ethereum node returned an error'),
  ETH_RPC_MALFORMED: spec('ETH_RPC_MALFORMED', 502, 'Ethereum node answered malformed data'),
  ETH_REORG_TOO_DEEP: spec('ETH_REORG_TOO_DEEP', 409, 'Reorganisation deeper than allowed'),
  ETH_CHAIN_MISMATCH: spec('ETH_CHAIN_MISMATCH', 409, 'Stored chain does not match the node'),

  // Bitcoin ingestion and the graph store
  BTC_BLOCK_MALFORMED: spec('BTC_BLOCK_MALFORMED', 422, 'Malformed Bitcoin block'),
  BTC_BLOCK_FILE: spec('BTC_BLOCK_FILE', 422, 'Unreadable Bitcoin block file'),
  BTC_RPC_UNAVAILABLE: spec('BTC_RPC_UNAVAILABLE', 503, 'Bitcoin node unreachable'),
  BTC_RPC_ERROR: spec('BTC_RPC_ERROR', 502, 'Bitcoin node returned an error or malformed data'),
  BTC_ADDRESS_INVALID: spec('BTC_ADDRESS_INVALID', 422, 'Invalid Bitcoin address'),
  GRAPH_CORRUPT: spec('GRAPH_CORRUPT', 500, 'Graph store damaged'),
  GRAPH_VERSION: spec('GRAPH_VERSION', 500, 'Graph store format newer than this program'),
  GRAPH_LOCKED: spec('GRAPH_LOCKED', 409, 'Graph store locked by another writer'),
  GRAPH_READONLY: spec('GRAPH_READONLY', 409, 'Graph store opened read-only'),
  GRAPH_REORG: spec('GRAPH_REORG', 409, 'Reorganisation the graph store cannot roll back'),
  GRAPH_MISSING: spec('GRAPH_MISSING', 409, 'No transaction graph in the data directory'),

  // tracing
  TRACE_ADDRESS: spec('TRACE_ADDRESS', 404, 'Address not in the transaction graph'),

  // clustering
  CLUSTER_CORRUPT: spec('CLUSTER_CORRUPT', 500, 'Cluster files damaged'),
  CLUSTER_VERSION: spec('CLUSTER_VERSION', 500, 'Cluster files newer than this program'),
  CLUSTER_MISSING: spec('CLUSTER_MISSING', 404, 'No clusters built for this graph'),

  // freeze alerts
  WEBHOOK_TARGET: spec('WEBHOOK_TARGET', 422, 'Webhook address not allowed'),
});

export type ErrorName = keyof typeof Errors;
