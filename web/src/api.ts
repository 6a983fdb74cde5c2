/** The REST client: Bearer auth from the session, the hub's error body turned into an ApiError. */
import { clearKey, getKey } from './session.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  constructor(status: number, code: string, message: string, hint?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

type Listener = () => void;
let onUnauthorised: Listener = () => {};

/** The app decides what a 401 means (back to sign-in); the client only reports it. */
export function setUnauthorisedListener(listener: Listener): void {
  onUnauthorised = listener;
}

/** For requests made outside apiRequest (the alert stream): the key was refused. */
export function reportUnauthorised(): void {
  clearKey();
  onUnauthorised();
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    hint?: string;
  };
  return new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? `The hub answered ${response.status} ${response.statusText}`,
    body.hint,
  );
}

export async function apiRequest<T>(path: string, init: RequestInit = {}, key = getKey()): Promise<T> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { ...init, headers });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The hub did not answer', 'Check that `bulwark serve` is running');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && key === getKey()) {
      clearKey();
      onUnauthorised();
    }
    throw error;
  }
  return (await response.json()) as T;
}

export const apiGet = <T>(path: string): Promise<T> => apiRequest<T>(path);

export const apiPost = <T>(path: string, body: unknown): Promise<T> =>
  apiRequest<T>(path, { method: 'POST', body: JSON.stringify(body) });
