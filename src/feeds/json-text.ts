import { BulwarkError } from '../errors/index.ts';

/** FEED_FORMAT for a JSON.parse failure, with the line when the engine reports a position. */
export function jsonError(error: unknown, text: string, source: string, hint: string): BulwarkError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return new BulwarkError('FEED_FORMAT', `Malformed JSON: ${message}`, {
    source,
    line,
    offset,
    hint,
    cause: error,
  });
}

/** JSON.parse with FEED_FORMAT (and the line) on failure. */
export function parseJsonText(text: string, source: string, hint: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw jsonError(error, text, source, hint);
  }
}
