/**
 * Base-unit decimal strings (wei, satoshi) shown in the chain's unit. BigInt all the way, so an
 * 18-decimal amount is never rounded through a double before it is cut to a few digits.
 */
const DECIMALS: Record<string, number> = { ETH: 18, BTC: 8 };

export function unitOf(asset: string): { symbol: string; decimals: number } {
  const decimals = DECIMALS[asset];
  if (decimals !== undefined) return { symbol: asset, decimals };
  // A token contract: its decimals are not in the trace, so the amount stays in base units.
  return { symbol: `${asset.slice(0, 6)}…${asset.slice(-4)} (base units)`, decimals: 0 };
}

/** `1234500000000000000`, ETH → `1.2345 ETH`; at most `digits` decimals, trailing zeros dropped. */
export function formatAmount(value: string, asset: string, digits = 4): string {
  const { symbol, decimals } = unitOf(asset);
  let v: bigint;
  try {
    v = BigInt(value);
  } catch {
    return `${value} ${symbol}`;
  }
  if (decimals === 0) return `${v.toLocaleString('en')} ${symbol}`;
  const scale = 10n ** BigInt(decimals);
  // Rounded to the digits shown: a haircut's 69.99999999 ETH reads 70 ETH, not 69.9999.
  if (digits < decimals) v += 5n * 10n ** BigInt(decimals - digits - 1);
  const whole = v / scale;
  const frac = (v % scale).toString().padStart(decimals, '0').slice(0, digits).replace(/0+$/, '');
  const shown = frac ? `${whole.toLocaleString('en')}.${frac}` : whole.toLocaleString('en');
  return `${v > 0n && shown === '0' ? `<0.${'0'.repeat(digits - 1)}1` : shown} ${symbol}`;
}

/** The amount in whole units as a number, for chart scales only (never shown as text). */
export function toUnits(value: string, asset: string): number {
  const { decimals } = unitOf(asset);
  try {
    const v = BigInt(value);
    if (decimals <= 6) return Number(v) / 10 ** decimals;
    return Number(v / 10n ** BigInt(decimals - 6)) / 1e6;
  } catch {
    return 0;
  }
}

/** `0x098b…2f96`: enough to tell addresses apart on a graph, the whole value in the details. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function formatTime(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
