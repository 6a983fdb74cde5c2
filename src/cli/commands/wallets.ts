import { Command } from '@commander-js/extra-typings';
import {
  type AlertChain,
  registerWallet,
  WALLET_CHAINS,
  WALLET_ROLES,
  walletKey,
} from '../../alerts/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { auditOperator, requireOrganisation } from '../../hub/index.ts';
import type { WalletRole } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

/** `bulwark wallets register|list|remove`: an exchange's deposit and hot wallets, private to it. */
export function registerWallets(program: Command): void {
  const wallets = new Command('wallets').description(
    'deposit and hot wallets an organisation registers for freeze alerts (visible to it only)',
  );
  withStoreOptions(
    wallets
      .command('register')
      .description('register a wallet of an organisation')
      .argument('<address>', 'Ethereum 0x… or Bitcoin mainnet address (1…, 3…, bc1q…, bc1p…)')
      .requiredOption('--role <role>', 'deposit or hot')
      .requiredOption('--org <name>', 'the organisation that owns the wallet')
      .option('--chain <chain>', "ethereum or bitcoin (default: the address's form)")
      .option('--json', 'print the registration as JSON'),
  ).action(async (address, options) => {
    const role = options.role as WalletRole;
    if (!WALLET_ROLES.includes(role)) {
      throw new BulwarkError('USAGE', `--role ${options.role} is not one of ${WALLET_ROLES.join(', ')}`);
    }
    const chain = options.chain as AlertChain | undefined;
    if (chain !== undefined && !WALLET_CHAINS.includes(chain)) {
      throw new BulwarkError('USAGE', `--chain ${options.chain} is not one of ${WALLET_CHAINS.join(', ')}`);
    }
    const { org, wallet } = await withStore(options, async (store) => {
      const org = await requireOrganisation(store, options.org);
      const wallet = await registerWallet(store, org.id, address, role, chain);
      await auditOperator(store, 'wallet.register', wallet.address, {
        org: org.name,
        role,
        chain: wallet.chain,
      });
      return { org, wallet };
    });
    if (options.json) await printJson({ org: org.name, address: wallet.address, chain: wallet.chain, role });
    else await writeOut(`${org.name}: ${role} wallet ${wallet.address}\n`);
  });
  withStoreOptions(
    wallets
      .command('list')
      .description("list an organisation's registered wallets")
      .requiredOption('--org <name>', 'the organisation')
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    const all = await withStore(options, async (store) =>
      store.alerts.walletsOf((await requireOrganisation(store, options.org)).id),
    );
    for (const w of all) {
      if (options.json)
        await printJson({ address: w.address, chain: w.chain, role: w.role, created_at: w.createdAt });
      else await writeOut(`${w.role}\t${w.chain}\t${w.address}\t${w.createdAt}\n`);
    }
  });
  withStoreOptions(
    wallets
      .command('remove')
      .description('stop watching a wallet of an organisation')
      .argument('<address>', 'a registered Ethereum or Bitcoin address')
      .requiredOption('--org <name>', 'the organisation'),
  ).action(async (address, options) => {
    const removed = await withStore(options, async (store) => {
      const org = await requireOrganisation(store, options.org);
      const normal = walletKey(address);
      const done = await store.alerts.removeWallet(org.id, normal);
      if (done) await auditOperator(store, 'wallet.remove', normal, { org: org.name });
      return done;
    });
    if (!removed) {
      throw new BulwarkError('NOT_FOUND', `${address} is not a registered wallet of ${options.org}`, {
        hint: 'List them with bulwark wallets list --org NAME',
      });
    }
    await writeOut(`removed ${address}\n`);
  });
  program.addCommand(wallets);
}
