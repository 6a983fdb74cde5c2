/**
 * Collection ids are UUIDs derived (version 5) from what the collection stands for, so a community's
 * collection keeps its id across restarts and hubs without a table of its own.
 */
import { v5 } from 'uuid';

/** Namespace of Bulwark's TAXII collection ids (a random UUID, fixed forever). */
const NAMESPACE = '3f0b6d7e-2a51-4c8e-9b0e-5d6a1c7f4e29';

export type CollectionKind = 'community' | 'private' | 'reference' | 'public';

export function collectionId(kind: CollectionKind, key = ''): string {
  return v5(`${kind}:${key}`, NAMESPACE);
}
