import type { Tlp } from '../types.ts';

/** TLP 2.0 as FIRST prints it: the label in its colour on black (see styles.css, .tlp-*). */
export function TlpBadge({ tlp }: { tlp: Tlp | string }) {
  const label = `TLP:${tlp.toUpperCase()}`;
  return (
    <span className={`tlp tlp-${tlp.replace('+', '-')}`} title={TLP_MEANING[tlp] ?? label}>
      {label}
    </span>
  );
}

export const TLP_MEANING: Record<string, string> = {
  clear: 'Disclosure is not limited',
  green: 'Limited disclosure: the community',
  amber: 'Limited disclosure: recipients’ organisations and their clients, need to know',
  'amber+strict': 'Limited disclosure: recipients’ organisations only',
  red: 'For the eyes and ears of individual recipients only',
};
