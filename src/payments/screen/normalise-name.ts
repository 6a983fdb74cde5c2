/** Turns a name in any script-compatible spelling into comparable tokens. */

// letters NFKD does not decompose into ASCII
const TRANSLITERATE: Readonly<Record<string, string>> = {
  ß: 'SS',
  Æ: 'AE',
  æ: 'AE',
  Ø: 'O',
  ø: 'O',
  Đ: 'D',
  đ: 'D',
  Ł: 'L',
  ł: 'L',
  Þ: 'TH',
  þ: 'TH',
  Œ: 'OE',
  œ: 'OE',
  ı: 'I',
  Ð: 'D',
  ð: 'D',
};

/** Legal-form and filler words that say nothing about who the party is. */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  'LTD LIMITED INC INCORPORATED CORP CORPORATION CO COMPANY LLC LLP LP PLC SA SAS SARL AG GMBH BV NV SPA SRL PTE PT PVT OOO JSC PJSC OJSC AB AS OY KK THE OF AND DE DEL LA LE LES'.split(
    ' ',
  ),
);

/**
 * `^[A-Z0-9]+( [A-Z0-9]+)*$` by char codes: words of uppercase ASCII letters and digits, one space
 * between, which folding leaves as they are (most names in payment messages); with `spaces` false,
 * `^[A-Z0-9]+$`.
 */
export function isFolded(text: string, spaces = true): boolean {
  const n = text.length;
  if (n === 0) return false;
  let previousSpace = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace || !spaces) return false;
      previousSpace = true;
    } else if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) previousSpace = false;
    else return false;
  }
  return !previousSpace;
}

/** Uppercase ASCII, accents and punctuation removed: `Société Générale, S.A.` → `SOCIETE GENERALE S A`. */
export function foldName(text: string): string {
  // most names in payment messages are already plain uppercase ASCII
  if (isFolded(text)) return text;
  let out = '';
  for (const ch of text.normalize('NFKD')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue;
    out += TRANSLITERATE[ch] ?? ch;
  }
  return out
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The distinctive tokens of a name: folded, without legal forms, single letters joined (`S A` → `SA`). */
export function nameTokens(text: string): string[] {
  const folded = foldName(text).replace(/\b([A-Z]) (?=[A-Z]\b)/g, '$1');
  return folded.split(' ').filter((t) => t.length > 0 && !LEGAL_FORMS.has(t));
}
