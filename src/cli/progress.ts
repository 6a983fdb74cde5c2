import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/** A progress bar on stderr when it is a terminal; nothing otherwise (pipes, CI, --json consumers). */
export function progressBar(label: string, total: number | undefined, unit: string): Progress {
  if (!process.stderr.isTTY) return silent;
  const format =
    total === undefined
      ? `${label} {value} ${unit} | {rate}/s`
      : `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail}`;
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total ?? 0, 0, { rate: 0, detail: '' });
  return {
    update(value, payload = {}) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(value, { rate: Math.round(value / seconds), ...payload });
    },
    stop() {
      bar.stop();
    },
  };
}
