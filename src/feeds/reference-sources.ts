import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormatByName } from './detect-format.ts';
import type { FeedFormat } from './types.ts';

/** The reference data shipped in the package. */
export const SHIPPED_REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export interface ReferenceSource {
  /** Folder under the reference directory, e.g. `ofac-0xB10C`. */
  folder: string;
  path: string;
  format: FeedFormat;
  /** The source's date (its commit date, PROVENANCE.md): created/modified of what it yields. */
  asOf: string;
}

/**
 * Shipped folders in load order: ATT&CK first, so the groups that MISP entries, OFAC's LAZARUS GROUP
 * and the heists point at are in the hub before the objects that reference them.
 */
export const REFERENCE_FOLDERS: readonly { folder: string; asOf: string }[] = [
  { folder: 'attack-dprk', asOf: '2025-11-13T00:00:00.000Z' },
  { folder: 'misp-galaxy-dprk', asOf: '2026-08-06T20:06:15.000Z' },
  { folder: 'ofac-0xB10C', asOf: '2024-09-27T00:35:17.000Z' },
  { folder: 'ofac-ultrasoundmoney', asOf: '2026-06-25T18:25:07.000Z' },
  // The latest source the curated list cites is the FBI PSA of 26 February 2025.
  { folder: 'dprk-heists', asOf: '2025-02-26T00:00:00.000Z' },
  { folder: 'graphsense-tagpacks', asOf: '2026-05-12T14:10:10.000Z' },
];

/** Every shipped file a converter reads, with its format and date, in load order. */
export function referenceSources(referenceDir: string = SHIPPED_REFERENCE_DIR): ReferenceSource[] {
  const sources: ReferenceSource[] = [];
  for (const { folder, asOf } of REFERENCE_FOLDERS) {
    const dir = join(referenceDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const format = detectFormatByName(name);
      if (format) sources.push({ folder, path: join(dir, name), format, asOf });
    }
  }
  return sources;
}
