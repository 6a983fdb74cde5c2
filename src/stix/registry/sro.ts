import { CREATED_BEFORE_MODIFIED as CM, sdoProps } from './common.ts';
import { int, props, refs, req, str, type TypeSpec, ts } from './kinds.ts';
import { SDO_TYPES } from './sdo.ts';

const SDO_NAMES = SDO_TYPES.map((t) => t.type);

/** The two STIX 2.1 relationship objects (section 5). */
export const SRO_TYPES: readonly TypeSpec[] = [
  {
    type: 'relationship',
    category: 'sro',
    props: sdoProps(
      props({
        relationship_type: req(str),
        description: str,
        source_ref: req({ kind: 'identifier', custom: true }),
        target_ref: req({ kind: 'identifier', custom: true }),
        start_time: ts,
        stop_time: ts,
      }),
    ),
    order: [CM, { first: 'start_time', last: 'stop_time', strict: true }],
  },
  {
    type: 'sighting',
    category: 'sro',
    props: sdoProps(
      props({
        description: str,
        first_seen: ts,
        last_seen: ts,
        count: int(0, 999_999_999),
        // Custom SDOs (x-… or extension-defined) may be sighted too, so custom types pass.
        sighting_of_ref: req({ kind: 'identifier', targets: SDO_NAMES, custom: true }),
        observed_data_refs: refs('observed-data'),
        where_sighted_refs: refs('identity', 'location'),
        summary: { kind: 'boolean' },
      }),
    ),
    order: [CM, { first: 'first_seen', last: 'last_seen' }],
  },
];

/** The SDO type names, e.g. for checks that a reference names a domain object. */
export const SDO_TYPE_NAMES: readonly string[] = SDO_NAMES;
