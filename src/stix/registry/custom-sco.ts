import { scoProps } from './common.ts';
import { decimal, int, ov, props, refs, req, str, type TypeSpec, ts } from './kinds.ts';
import { CRYPTO_CHAIN } from './vocab.ts';

/**
 * Three SCOs the spec lacks and Bulwark needs, defined the spec's way for custom objects: each has an
 * extension-definition (extension_type new-sco). Objects are accepted with or without the extension
 * entry, because OpenCTI writes `cryptocurrency-wallet` without it.
 */

/** The identity that authors Bulwark's extension definitions. */
export const BULWARK_IDENTITY_ID = 'identity--d9dfb63b-7ec9-4812-b09c-2a921455cb4f';
export const CRYPTOCURRENCY_WALLET_EXTENSION = 'extension-definition--d06bcbba-b65d-4aa0-983d-c0842dc7c233';
export const CRYPTOCURRENCY_TRANSACTION_EXTENSION =
  'extension-definition--e3d69f79-965a-43ef-ae7b-6c4912f494ed';
export const BANK_ACCOUNT_EXTENSION = 'extension-definition--11883f97-4cb7-4c53-81b2-91837b388235';

const chain = ov(CRYPTO_CHAIN);

export const CUSTOM_SCO_TYPES: readonly TypeSpec[] = [
  {
    type: 'cryptocurrency-wallet',
    category: 'sco',
    // `value` alone contributes to the id, as OpenCTI derives it, so both hubs name a wallet alike.
    props: scoProps(props({ value: req(str), chain })),
    idContributing: ['value'],
    extensionDefinition: CRYPTOCURRENCY_WALLET_EXTENSION,
  },
  {
    type: 'cryptocurrency-transaction',
    category: 'sco',
    props: scoProps(
      props({
        value: req(str),
        chain,
        from_refs: refs('cryptocurrency-wallet'),
        to_refs: refs('cryptocurrency-wallet'),
        amount: decimal,
        asset: str,
        block_number: int(0),
        block_time: ts,
      }),
    ),
    // The same hash can exist on two EVM chains (a replayed transaction), so the chain counts too.
    idContributing: ['chain', 'value'],
    extensionDefinition: CRYPTOCURRENCY_TRANSACTION_EXTENSION,
  },
  {
    type: 'bank-account',
    category: 'sco',
    props: scoProps(
      props({
        iban: str,
        bic: str,
        account_number: str,
        holder_name: str,
        country: str,
        currency: str,
      }),
    ),
    idContributing: ['iban', 'account_number', 'bic'],
    // An IBAN names the account by itself; without one, the number is only unique at its bank.
    idAlternatives: [['iban'], ['account_number', 'bic']],
    atLeastOne: [['iban', 'account_number']],
    extensionDefinition: BANK_ACCOUNT_EXTENSION,
  },
];

const CREATED = '2026-11-23T00:00:00.000Z';

function definition(id: string, name: string, description: string, schema: string): Record<string, unknown> {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: BULWARK_IDENTITY_ID,
    created: CREATED,
    modified: CREATED,
    name,
    description,
    schema,
    version: '1.0.0',
    extension_types: ['new-sco'],
  };
}

/** The STIX objects to load into the hub so that the custom SCOs resolve: Bulwark's identity and the definitions. */
export const CUSTOM_SCO_DEFINITIONS: readonly Record<string, unknown>[] = [
  {
    type: 'identity',
    spec_version: '2.1',
    id: BULWARK_IDENTITY_ID,
    created: CREATED,
    modified: CREATED,
    name: 'Bulwark',
    identity_class: 'system',
    description: 'The Bulwark sharing hub, author of its STIX extension definitions.',
  },
  definition(
    CRYPTOCURRENCY_WALLET_EXTENSION,
    'cryptocurrency-wallet',
    'A cryptocurrency address; the same type and id derivation as OpenCTI.',
    'Properties: value (required string, the address as the chain writes it), chain (open vocabulary: bitcoin, ' +
      'ethereum, tron, ...). ID contributing property: value. Custom x_ properties are allowed.',
  ),
  definition(
    CRYPTOCURRENCY_TRANSACTION_EXTENSION,
    'cryptocurrency-transaction',
    'A transaction on a blockchain.',
    'Properties: value (required string, the transaction hash), chain (open vocabulary), from_refs and to_refs ' +
      '(lists of cryptocurrency-wallet ids), amount (decimal string), asset (e.g. BTC, ETH, USDT), block_number ' +
      '(integer), block_time (timestamp). ID contributing properties: chain, value.',
  ),
  definition(
    BANK_ACCOUNT_EXTENSION,
    'bank-account',
    'A bank account, named by IBAN or by account number and BIC.',
    'Properties: iban, bic, account_number, holder_name, country (ISO 3166-1 alpha-2), currency (ISO 4217); ' +
      'iban or account_number is required. ID contributing properties: iban if present, else account_number and bic.',
  ),
];
