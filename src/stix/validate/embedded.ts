import { HASH_ALGORITHM } from '../registry/vocab.ts';
import { describeValue, isPlainObject, type ValidationContext } from './context.ts';

/** Hex length of each hash whose format the spec fixes (hash-algorithm-ov). */
const HASH_HEX_LENGTH: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-512': 128,
};
const HEX_ONLY = /^[0-9a-fA-F]+$/;
const KNOWN_HASHES = new Set<string>(HASH_ALGORITHM);

export function checkString(value: unknown, ctx: ValidationContext, prop: string, required: boolean): void {
  if (value === undefined) {
    if (required) ctx.errorAt(prop, 'required', `${prop} is required`);
  } else if (typeof value !== 'string') {
    ctx.errorAt(prop, 'type', `${prop} must be a string, not ${describeValue(value)}`);
  }
}

export function checkHashes(value: unknown, ctx: ValidationContext): void {
  if (!isPlainObject(value)) {
    ctx.error('type', `hashes must be an object of algorithm to hash, not ${describeValue(value)}`);
    return;
  }
  let count = 0;
  for (const algorithm in value) {
    count++;
    const hash = value[algorithm];
    if (typeof hash !== 'string') {
      ctx.errorAt(algorithm, 'type', `hash ${algorithm} must be a string`);
      continue;
    }
    const length = HASH_HEX_LENGTH[algorithm];
    if (length !== undefined && (hash.length !== length || !HEX_ONLY.test(hash))) {
      ctx.errorAt(algorithm, 'hashes', `${algorithm} must be ${length} hexadecimal digits`);
    } else if (!KNOWN_HASHES.has(algorithm) && algorithm.length > 250) {
      ctx.errorAt(algorithm, 'hashes', 'a custom hash algorithm name must be at most 250 characters');
    }
  }
  if (count === 0) ctx.error('hashes', 'hashes must name at least one hash');
}

export function checkKillChainPhase(value: unknown, ctx: ValidationContext): void {
  if (!isPlainObject(value)) {
    ctx.error('type', `a kill chain phase must be an object, not ${describeValue(value)}`);
    return;
  }
  checkString(value.kill_chain_name, ctx, 'kill_chain_name', true);
  checkString(value.phase_name, ctx, 'phase_name', true);
}

export function checkExternalReference(value: unknown, ctx: ValidationContext): void {
  if (!isPlainObject(value)) {
    ctx.error('type', `an external reference must be an object, not ${describeValue(value)}`);
    return;
  }
  checkString(value.source_name, ctx, 'source_name', true);
  checkString(value.description, ctx, 'description', false);
  checkString(value.url, ctx, 'url', false);
  checkString(value.external_id, ctx, 'external_id', false);
  if (value.hashes !== undefined) {
    ctx.path.push('hashes');
    checkHashes(value.hashes, ctx);
    ctx.path.pop();
  }
  if (value.description === undefined && value.url === undefined && value.external_id === undefined) {
    ctx.error(
      'external-reference',
      'an external reference needs a description, url or external_id besides source_name',
      'Add the url or the external id the reference points to',
    );
  }
}
