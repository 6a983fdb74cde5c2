/** GET /api/v1/me: who the key belongs to, asked once per sign-in and kept for the tab's session. */
import { apiRequest } from './api.ts';

export interface Me {
  organisation: { id: string; name: string };
  role: 'reader' | 'contributor' | 'admin';
  key_id: string;
  communities: { id: string; name: string }[];
}

let current: Promise<Me> | undefined;

/** Checks a key by asking who it is; the answer is kept for this key's session. */
export function whoAmI(key?: string): Promise<Me> {
  if (key !== undefined) current = apiRequest<Me>('/me', {}, key);
  current ??= apiRequest<Me>('/me');
  current.catch(() => {
    current = undefined;
  });
  return current;
}

export function forgetMe(): void {
  current = undefined;
}
