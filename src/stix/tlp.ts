import type { TlpLevel } from '../store/types.ts';
import type { MarkingDefinition } from './types.ts';

/** The extension-definition through which TLP 2.0 markings declare their level (OASIS cti-stix-common-objects). */
export const TLP_2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 2.0 marking-definition ids as OASIS publishes them (tlp-2.0/examples, and the extension's JSON schema). */
export const TLP_2_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** TLP 1.0 marking-definition ids fixed by STIX 2.1 section 7.2.1.4. */
export const TLP_1_IDS = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

/** Strictness order: a higher rank restricts more. */
export const TLP_RANK: Readonly<Record<TlpLevel, number>> = {
  clear: 0,
  green: 1,
  amber: 2,
  'amber+strict': 3,
  red: 4,
};

function tlp2(level: TlpLevel): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_2_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP_2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

function tlp1(level: keyof typeof TLP_1_IDS): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_1_IDS[level],
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  };
}

/** Every TLP marking definition, TLP 2.0 first, as published (load them into the hub as they are). */
export const TLP_MARKINGS: readonly MarkingDefinition[] = Object.freeze([
  tlp2('clear'),
  tlp2('green'),
  tlp2('amber'),
  tlp2('amber+strict'),
  tlp2('red'),
  tlp1('white'),
  tlp1('green'),
  tlp1('amber'),
  tlp1('red'),
]);

/** Marking id → level; TLP 1.0 WHITE is CLEAR, its other levels map to their TLP 2.0 namesakes. */
const LEVEL_OF_ID: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ...Object.entries(TLP_2_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
  [TLP_1_IDS.white, 'clear'],
  [TLP_1_IDS.green, 'green'],
  [TLP_1_IDS.amber, 'amber'],
  [TLP_1_IDS.red, 'red'],
]);

export function isTlpMarkingId(id: string): boolean {
  return LEVEL_OF_ID.has(id);
}

/** The level a TLP marking id stands for, or undefined for any other id. */
export function tlpLevelOfMarking(id: string): TlpLevel | undefined {
  return LEVEL_OF_ID.get(id);
}

/** The TLP 2.0 marking-definition id of a level. */
export function tlpMarkingRef(level: TlpLevel): string {
  return TLP_2_IDS[level];
}

/** The TLP level an object carries in `object_marking_refs` (the strictest when several), if any. */
export function tlpLevelOf(obj: { readonly object_marking_refs?: unknown }): TlpLevel | undefined {
  const refs = obj.object_marking_refs;
  if (!Array.isArray(refs)) return undefined;
  let found: TlpLevel | undefined;
  for (const ref of refs) {
    const level = typeof ref === 'string' ? LEVEL_OF_ID.get(ref) : undefined;
    if (level !== undefined && (found === undefined || TLP_RANK[level] > TLP_RANK[found])) found = level;
  }
  return found;
}

const LEVEL_NAMES: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ['clear', 'clear'],
  ['white', 'clear'],
  ['green', 'green'],
  ['amber', 'amber'],
  ['amber+strict', 'amber+strict'],
  ['red', 'red'],
]);

/** Reads `TLP:AMBER+STRICT`, `amber+strict`, `white`… as a level (for `--tlp` options and feeds). */
export function parseTlpLevel(text: string): TlpLevel | undefined {
  const name = text.trim().toLowerCase().replace(/^tlp:/, '');
  return LEVEL_NAMES.get(name);
}
