import { isBic, isIban } from '../bic.ts';
import type { Account, Agent, Party } from '../types.ts';
import type { XmlReader } from './xml-node.ts';

const COUNTRY = /^[A-Z]{2}$/;

/** BICFI (or BIC in older versions) of a FinInstnId, validated. */
export function agentBic(agent: XmlReader | undefined): string | undefined {
  const institution = agent?.child('FinInstnId');
  if (!institution) return undefined;
  const name = institution.child('BICFI') ? 'BICFI' : 'BIC';
  const bic = institution.text(name);
  if (bic !== undefined && !isBic(bic)) {
    throw institution.fail(name, `${JSON.stringify(bic)} is not a BIC (8 or 11 characters, ISO 9362)`);
  }
  return bic;
}

export function readAgent(agent: XmlReader, role: string, account?: XmlReader): Agent {
  const institution = agent.need('FinInstnId');
  const bic = agentBic(agent);
  const name = institution.text('Nm');
  const clearing = institution.child('ClrSysMmbId')?.text('MmbId');
  const accountId = account ? readAccount(account)?.value : undefined;
  return {
    role,
    ...(bic === undefined ? {} : { bic }),
    ...(name === undefined ? {} : { name }),
    ...(clearing === undefined ? {} : { clearing }),
    ...(accountId === undefined ? {} : { account: accountId }),
  };
}

export function readAccount(account: XmlReader | undefined): Account | undefined {
  const id = account?.child('Id');
  if (!id || !account) return undefined;
  const iban = id.text('IBAN');
  if (iban !== undefined) {
    if (!isIban(iban))
      throw id.fail('IBAN', `${JSON.stringify(iban)} fails the IBAN check digits (ISO 13616)`);
    return { kind: 'iban', value: iban };
  }
  const other = id.child('Othr')?.text('Id');
  if (other === undefined) throw account.fail('Id', 'names neither an IBAN nor Othr/Id');
  return { kind: 'other', value: other };
}

/** Dbtr / Cdtr of pacs.008: name, postal address, country, organisation or private identification. */
export function readParty(party: XmlReader, account: XmlReader | undefined): Party {
  const result: Party = { addressLines: [] };
  const name = party.text('Nm');
  if (name !== undefined) result.name = name;
  const address = party.child('PstlAdr');
  if (address) {
    result.addressLines = addressLines(address);
    const country = address.text('Ctry');
    if (country !== undefined) {
      if (!COUNTRY.test(country))
        throw address.fail('Ctry', `${JSON.stringify(country)} is not an ISO 3166 code`);
      result.country = country;
    }
  }
  const id = party.child('Id');
  const person = id?.child('PrvtId');
  const organisation = id?.child('OrgId');
  if (person || organisation) result.isPerson = person !== undefined;
  const identifier = (person ?? organisation)?.list('Othr')[0]?.text('Id');
  if (identifier !== undefined) result.identifier = identifier;
  const anyBic = organisation?.text('AnyBIC');
  if (anyBic !== undefined) result.bic = anyBic;
  const acct = readAccount(account);
  if (acct) result.account = acct;
  return result;
}

function addressLines(address: XmlReader): string[] {
  const lines = address.list('AdrLine').map((line) => line.value());
  const street = [address.text('StrtNm'), address.text('BldgNb')].filter((s) => s !== undefined).join(' ');
  const town = [address.text('PstCd'), address.text('TwnNm')].filter((s) => s !== undefined).join(' ');
  return [...lines, ...(street ? [street] : []), ...(town ? [town] : [])];
}
