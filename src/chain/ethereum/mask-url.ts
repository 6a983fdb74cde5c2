/**
 * Node URLs often carry credentials (user:password, API keys in the path or query). Errors, logs and
 * summaries name the node by this masked form only.
 */
const KEY_LIKE = /^[A-Za-z0-9_-]{20,}$/;

export function maskRpcUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<unparseable RPC URL>';
  }
  if (parsed.username) parsed.username = '***';
  if (parsed.password) parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, '***');
  // Hosted nodes (Infura, Alchemy, …) put the API key as a path segment.
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => (KEY_LIKE.test(segment) ? '***' : segment))
    .join('/');
  return parsed.toString();
}
