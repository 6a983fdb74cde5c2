/**
 * The screening answer as JSON, byte for byte `JSON.stringify(result)`, for the screening fast path.
 * An address's direct reasons are shared, deeply frozen objects (the screening index makes them once),
 * so each one's text is made once too and kept beside it: a repeat answer joins known texts instead
 * of walking the same reasons again. A reason that is not frozen all the way down (exposure's, made
 * per answer) is serialised every time.
 */
import type { ScreenReason, ScreenResult } from '../../screen/index.ts';

const reasonTexts = new WeakMap<ScreenReason, string>();

/** True for plain objects and arrays frozen all the way down: their JSON text cannot change. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  if (!Object.isFrozen(value)) return false;
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor) || !deeplyFrozen(descriptor.value)) return false;
  }
  return true;
}

function reasonJson(reason: ScreenReason): string {
  let text = reasonTexts.get(reason);
  if (text === undefined) {
    text = JSON.stringify(reason);
    if (deeplyFrozen(reason)) reasonTexts.set(reason, text);
  }
  return text;
}

/** `JSON.stringify(result)` for a screening answer (its three keys, in this order). */
export function screenJson(result: ScreenResult): string {
  const { reasons } = result;
  let text = `{"address":${JSON.stringify(result.address)},"risk":${JSON.stringify(result.risk)},"reasons":[`;
  for (let i = 0; i < reasons.length; i++) {
    if (i > 0) text += ',';
    text += reasonJson(reasons[i]!);
  }
  return `${text}]}`;
}
