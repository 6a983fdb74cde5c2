/**
 * Regenerates contracts.json from Heist.sol with solc 0.8.37 (a devDependency):
 *   node src/chain/ethereum/scenario/contracts/compile.ts
 * The bytecode is committed so that tests and `bulwark demo` do not spend seconds compiling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }>
  >;
}

const here = dirname(fileURLToPath(import.meta.url));
const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string; version(): string };
const input = {
  language: 'Solidity',
  sources: { 'Heist.sol': { content: readFileSync(join(here, 'Heist.sol'), 'utf8') } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.methodIdentifiers'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  process.stderr.write(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
const contracts: Record<string, { bytecode: string; methods: Record<string, string> }> = {};
for (const [name, c] of Object.entries(output.contracts['Heist.sol'] ?? {})) {
  contracts[name] = { bytecode: `0x${c.evm.bytecode.object}`, methods: c.evm.methodIdentifiers };
}
const artifact = { compiler: `solc ${solc.version()}`, source: 'Heist.sol', contracts };
writeFileSync(join(here, 'contracts.json'), `${JSON.stringify(artifact, null, 1)}\n`);
process.stdout.write(`wrote ${Object.keys(contracts).length} contracts\n`);
