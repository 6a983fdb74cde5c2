#!/usr/bin/env node
// The `bulwark` command. Bulwark runs on Node 24 (TypeScript type stripping); machines that still have
// an older system Node get the Node 24 binary the package installs (npm package `node`), so the command
// works the same whether it is started through npm or directly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import(join(root, 'src', 'cli', 'main.ts'));
} else {
  const bundled = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write(
      `bulwark: needs Node.js 24 or newer (this is ${process.version}); run 'npm install' in ${root} to fetch it.\n`,
    );
    process.exit(1);
  }
  const child = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
