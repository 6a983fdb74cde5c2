/** Writes text to stdout, waiting when the pipe is full, so large outputs stream with bounded memory. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        process.stdout.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        process.stdout.off('drain', onDrain);
        reject(error);
      };
      process.stdout.once('drain', onDrain);
      process.stdout.once('error', onError);
    });
  }
}

export function printJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value)}\n`);
}
