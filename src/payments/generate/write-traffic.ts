/**
 * Writes generated traffic as JSON lines (`{"message", "label", "run"}`), the format `bulwark payments
 * screen` reads: `node src/payments/generate/write-traffic.ts OUT.jsonl [FROM] [TO] [SEED]` keeps the
 * messages released from FROM up to (not including) TO.
 */
import { writeFileSync } from 'node:fs';
import { generateTraffic } from './generate-traffic.ts';

const [out, from = '0000', to = '9999', seed = '2016'] = process.argv.slice(2);
if (!out) {
  process.stderr.write('usage: write-traffic.ts OUT.jsonl [FROM] [TO] [SEED]\n');
  process.exit(2);
}
const lines = generateTraffic({ seed: Number(seed) })
  .filter((t) => (t.payment.createdAt ?? '') >= from && (t.payment.createdAt ?? '') < to)
  .map((t) =>
    JSON.stringify({
      message: t.text,
      label: t.heist ? 'heist' : 'normal',
      ...(t.run ? { run: t.run } : {}),
    }),
  );
writeFileSync(out, `${lines.join('\n')}\n`);
process.stderr.write(`${out}: ${lines.length} messages\n`);
