import { BulwarkError } from '../errors/index.ts';
import { parseJsonText } from './json-text.ts';
import { countInto } from './objects.ts';
import type { ConvertOptions, StixObject } from './types.ts';

/**
 * MITRE ATT&CK as a STIX 2.1 bundle: MITRE's objects pass through with their ids, versions, identity
 * and marking-definition, because the hub must hold what MITRE published. One repair: STIX 2.1
 * requires `is_family` on malware, which objects carried over from ATT&CK's STIX 2.0 files lack; it is
 * set to true, as MITRE's own 2.1 releases do (every ATT&CK software entry is a family), and counted
 * in the report. An object that is not STIX 2.1 stops the import with its index instead of being
 * dropped silently.
 */
export function* convertAttackBundle(text: string, options: ConvertOptions = {}): Generator<StixObject> {
  const source = options.source ?? 'ATT&CK bundle';
  let repaired = 0;
  for (const object of bundleObjects(text, source)) {
    const out =
      object.type === 'malware' && object.is_family === undefined ? { ...object, is_family: true } : object;
    if (out !== object) repaired++;
    countInto(options.report?.counts, out);
    yield out;
  }
  if (repaired > 0)
    options.report?.warnings.push(`${repaired} malware objects lacked is_family: set to true`);
}

/** The objects of a STIX 2.1 bundle, each checked for type, id and spec_version 2.1. */
export function bundleObjects(text: string, source: string): StixObject[] {
  const root = parseJsonText(text, source, 'An ATT&CK release is one STIX 2.1 bundle (JSON)');
  const bundle = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>;
  if (bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    throw new BulwarkError('FEED_FORMAT', 'Not a STIX bundle: expected {"type":"bundle","objects":[...]}', {
      source,
      hint: 'Use a STIX 2.1 release of ATT&CK (mitre-attack/attack-stix-data)',
    });
  }
  return bundle.objects.map((item, index) => checkObject(item, index, source));
}

function checkObject(item: unknown, index: number, source: string): StixObject {
  const object = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const path = `objects[${index}]`;
  if (
    typeof object.type !== 'string' ||
    typeof object.id !== 'string' ||
    !object.id.startsWith(`${object.type}--`)
  ) {
    throw new BulwarkError('FEED_FORMAT', `${path} has no valid type and id`, { source, path });
  }
  if (object.spec_version !== '2.1') {
    throw new BulwarkError(
      'FEED_FORMAT',
      `${path} is not STIX 2.1 (spec_version ${String(object.spec_version)})`,
      {
        source,
        path,
        objectId: object.id,
        hint: 'Convert STIX 2.0 releases with the STIX 2.1 ones of mitre-attack/attack-stix-data',
      },
    );
  }
  return object as StixObject;
}
