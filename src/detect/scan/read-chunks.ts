import { open } from 'node:fs/promises';

/**
 * A file's bytes in chunks read into one reused buffer: each chunk is valid until the next is asked
 * for, which is how `scanLines` consumes them (it copies a chunk before pulling the next). A stream
 * would allocate a fresh megabyte per chunk: external memory that makes the collector walk the
 * matcher's heap again and again.
 */
export async function* readChunks(file: string, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
