import { feedId } from './ids.ts';

/**
 * Groups other converters point at (OFAC's LAZARUS GROUP, heist attributions), by id, so each source
 * converts on its own. ATT&CK ids are MITRE's and stable across releases; a MISP-only group's id is
 * the one misp-galaxy.ts derives from its MISP uuid. Tests check both against the shipped files.
 */
export const LAZARUS_GROUP = 'intrusion-set--c93fccb1-e8e8-42cf-ae33-2ad1d183913a'; // ATT&CK G0032
export const APT38 = 'intrusion-set--00f67a77-86a4-4adf-be26-1a54fc713340'; // ATT&CK G0082

export const TRADERTRAITOR_MISP_UUID = '825abfd9-7238-4438-a9e7-c08791f4df4e';

/** The id misp-galaxy.ts gives the intrusion-set of a MISP entry that no ATT&CK group matches. */
export function mispGroupId(mispUuid: string): string {
  return feedId('intrusion-set', `misp-galaxy|${mispUuid.toLowerCase()}`);
}

export const TRADERTRAITOR = mispGroupId(TRADERTRAITOR_MISP_UUID);

/** OFAC SDN entity names that are a known group, compared after normaliseTerm. */
export const SDN_GROUPS: Readonly<Record<string, string>> = {
  lazarusgroup: LAZARUS_GROUP,
};
