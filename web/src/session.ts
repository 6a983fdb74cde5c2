/** The API key lives in sessionStorage: gone when the tab closes, never in a cookie or on disk. */
const KEY = 'bulwark.apiKey';

export function getKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function clearKey(): void {
  sessionStorage.removeItem(KEY);
}

/** A key is `bwk_<id>_<secret>`; the id is what the admin key list shows. */
export function keyId(key: string): string | undefined {
  return /^bwk_([0-9a-f]+)_/.exec(key)?.[1];
}
