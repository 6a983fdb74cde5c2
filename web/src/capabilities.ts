/**
 * What this hub offers, read from its OpenAPI document at run time: screening and tracing appear in
 * the console only when the hub serves them, so the console never shows a page with nothing behind it.
 */
import { apiGet } from './api.ts';

interface OpenApi {
  paths?: Record<string, unknown>;
}

let document: Promise<string[]> | undefined;

export function apiPaths(): Promise<string[]> {
  document ??= apiGet<OpenApi>('/openapi.json').then(
    (d) => Object.keys(d.paths ?? {}),
    (error: unknown) => {
      document = undefined;
      throw error;
    },
  );
  return document;
}

/** The first path of the document that the test accepts, e.g. one starting with /api/v1/screen/. */
export async function findPath(test: (path: string) => boolean): Promise<string | undefined> {
  return (await apiPaths()).find(test);
}
