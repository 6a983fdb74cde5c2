import type { Readable } from 'node:stream';
import { BundleSplitter, type ElementPlace } from './bundle-splitter.ts';

export interface BundleElement {
  text: string;
  place: ElementPlace;
}

/**
 * Reads a bundle from a byte stream and yields its objects' JSON text in groups, one group per input
 * chunk, so memory stays bounded by the chunk size however large the bundle is. Structural faults throw
 * (INVALID_JSON, NOT_A_BUNDLE) after the elements before them were yielded.
 */
export async function* readBundleElements(
  input: Readable | AsyncIterable<Buffer | string>,
  source = 'input',
  onBytes?: (bytes: number) => void,
): AsyncGenerator<BundleElement[]> {
  let pending: BundleElement[] = [];
  const splitter = new BundleSplitter((text, place) => pending.push({ text, place }), source);
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    try {
      splitter.write(bytes);
    } finally {
      // hand on what came before a fault, so it is reported or stored before the fault is
      if (pending.length > 0) {
        const group = pending;
        pending = [];
        yield group;
      }
    }
    onBytes?.(bytes.length);
  }
  splitter.end();
}
