/** A regular expression of one indicator on one path. */
export interface RegexEntry {
  readonly source: string;
  readonly flags: string;
  readonly code: number;
}

interface Group {
  /** All members as one alternation: a miss (the common case) costs one search. */
  readonly combined: RegExp;
  readonly members: readonly { re: RegExp; code: number }[];
}

const GROUP_SIZE = 64;
// Back-references and named groups change meaning once numbered inside an alternation.
const NOT_COMBINABLE = /\\[1-9]|\\k<|\(\?</;

/**
 * The LIKE / MATCHES expressions of one path, combined per flag set into alternations of up to
 * GROUP_SIZE members; only when a combined expression matches are its members tried one by one.
 */
export class RegexIndex {
  private readonly groups: Group[] = [];

  constructor(entries: readonly RegexEntry[]) {
    const byFlags = new Map<string, { re: RegExp; code: number; source: string }[]>();
    for (const e of entries) {
      let re: RegExp;
      try {
        re = new RegExp(e.source, e.flags);
      } catch {
        continue;
      }
      const flags = NOT_COMBINABLE.test(e.source) ? `${e.flags}!` : e.flags;
      const list = byFlags.get(flags) ?? [];
      list.push({ re, code: e.code, source: e.source });
      byFlags.set(flags, list);
    }
    for (const [flags, list] of byFlags) {
      const alone = flags.endsWith('!');
      const size = alone ? 1 : GROUP_SIZE;
      for (let i = 0; i < list.length; i += size) {
        const members = list.slice(i, i + size);
        const combined = alone
          ? members[0]!.re
          : new RegExp(members.map((m) => `(?:${m.source})`).join('|'), flags);
        this.groups.push({ combined, members: members.map(({ re, code }) => ({ re, code })) });
      }
    }
  }

  lookup(value: string, hit: (code: number) => void): void {
    const groups = this.groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (!group.combined.test(value)) continue;
      const members = group.members;
      if (members.length === 1) hit(members[0]!.code);
      else for (let i = 0; i < members.length; i++) if (members[i]!.re.test(value)) hit(members[i]!.code);
    }
  }
}
