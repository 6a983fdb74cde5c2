import { validateObject } from '../../stix/index.ts';
import type { NewVersion } from '../../store/index.ts';
import { type Provenance, prepareVersion } from './prepare-version.ts';

/** An object that was not stored, and why. */
export interface Rejection {
  index: number;
  line: number;
  id?: string;
  errors: { code: string; message: string; path?: string; rule?: string }[];
}

export interface ElementPlace {
  index: number;
  line: number;
}

/** One object to import: its JSON text, or a value already parsed (from a feed converter). */
export interface ImportElement {
  text?: string;
  value?: unknown;
  place: ElementPlace;
}

/** Elements turned into store rows, with the places of the rows and the elements that failed. */
export interface PreparedGroup {
  read: number;
  versions: NewVersion[];
  places: ElementPlace[];
  rejections: Rejection[];
}

/**
 * Parses, validates and prepares a group of elements. Pure and self-contained, so it runs the same in
 * the importing thread or in a worker beside it.
 */
export function prepareGroup(elements: readonly ImportElement[], provenance: Provenance): PreparedGroup {
  const group: PreparedGroup = { read: elements.length, versions: [], places: [], rejections: [] };
  for (const element of elements) {
    const version = parseAndPrepare(element, provenance, group.rejections);
    if (version) {
      group.versions.push(version);
      group.places.push(element.place);
    }
  }
  return group;
}

function parseAndPrepare(
  element: ImportElement,
  provenance: Provenance,
  rejections: Rejection[],
): NewVersion | undefined {
  const { index, line } = element.place;
  let value: unknown = element.value;
  try {
    if (element.text !== undefined) value = JSON.parse(element.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    rejections.push({
      index,
      line,
      errors: [{ code: 'BULWARK_E_INVALID_JSON', message: `Malformed JSON: ${message}` }],
    });
    return undefined;
  }
  const result = validateObject(value);
  if (!result.ok) {
    const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
    rejections.push({
      index,
      line,
      ...(id ? { id } : {}),
      errors: result.errors.map((e) => ({
        code: e.code,
        message: e.message,
        ...(e.place.path ? { path: e.place.path } : {}),
        ...(e.rule ? { rule: e.rule } : {}),
      })),
    });
    return undefined;
  }
  return prepareVersion(result.object, provenance);
}
