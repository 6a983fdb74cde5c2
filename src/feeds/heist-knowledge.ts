import { APT38, LAZARUS_GROUP, TRADERTRAITOR } from './dprk-groups.ts';

/**
 * What the heist list's rows do not say but its sources do: who each heist is attributed to (the
 * FBI's wording) and the two addresses other sources label differently (PROVENANCE.md keeps them as
 * test cases). Incidents not named here still convert, without attribution (the report says so).
 */
export interface Attribution {
  groups: readonly string[];
  says: string;
  url: string;
}

export const HEIST_ATTRIBUTIONS: Readonly<Record<string, Attribution>> = {
  bybit: {
    groups: [TRADERTRAITOR],
    says: 'FBI PSA I-022625-PSA: North Korea’s TraderTraitor is responsible for the Bybit theft.',
    url: 'https://www.ic3.gov/PSA/2025/PSA250226',
  },
  roninbridge: {
    groups: [LAZARUS_GROUP],
    says: 'FBI, 14 April 2022: Lazarus Group and APT38, cyber actors of the DPRK, stole from Ronin.',
    url: 'https://www.fbi.gov/news/press-releases/fbi-statement-on-attribution-of-malicious-cyber-activity-posed-by-the-democratic-peoples-republic-of-korea',
  },
  harmonyhorizonbridge: {
    groups: [LAZARUS_GROUP, APT38],
    says: 'FBI, 23 January 2023: Lazarus Group and APT38 are responsible for the Harmony Horizon bridge theft.',
    url: 'https://www.fbi.gov/news/press-releases/fbi-confirms-lazarus-group-cyber-actors-responsible-for-harmonys-horizon-bridge-currency-theft',
  },
  stakecom: {
    groups: [LAZARUS_GROUP],
    says: 'FBI, 6 September 2023: Lazarus Group (also known as APT38) stole about $41 million from Stake.com.',
    url: 'https://www.fbi.gov/news/press-releases/fbi-identifies-lazarus-group-cyber-actors-as-responsible-for-theft-of-41-million-from-stakecom',
  },
};

export interface LabelConflict {
  otherLabel: string;
  otherSources: string;
}

/** Lower-cased address → the label other sources give it. */
export const LABEL_CONFLICTS: Readonly<Record<string, LabelConflict>> = {
  '0x5b5082214d62585d686850ab8d9e3f6b6a5c58ff': {
    otherLabel: 'Ronin Bridge Exploiter 7',
    otherSources: 'Etherscan, Forta, GraphSense',
  },
  '0x036587e77eabe6a7e181886a5a6ed10dc25654f9': {
    otherLabel: 'Ronin Bridge Exploiter 3',
    otherSources: 'Etherscan, Forta, GraphSense',
  },
};
