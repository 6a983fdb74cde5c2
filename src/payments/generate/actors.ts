/**
 * The banks and customers of the generated traffic. Bangladesh Bank and the Federal Reserve Bank of
 * New York are the parties of the public 2016 case (data/payments/bangladesh-2016-scenario.json); every
 * other bank, company and person is invented (BIC-shaped codes that are not real institutions').
 */
export interface Originator {
  name: string;
  bic: string;
  account: string;
  country: string;
  /** The bank the messages go to (the nostro's correspondent). */
  receiver: string;
  format: 'mt103' | 'pacs.008';
  /** Release window in local minutes after midnight. */
  open: number;
  close: number;
  perDay: number;
}

export const ORIGINATORS: readonly Originator[] = [
  {
    name: 'BANGLADESH BANK',
    bic: 'BBHOBDDHXXX',
    account: '0000000000001',
    country: 'BD',
    receiver: 'FRNYUS33XXX',
    format: 'mt103',
    open: 600,
    close: 960,
    perDay: 5,
  },
  {
    name: 'HARBOR TEXTILE MILLS LTD',
    bic: 'HTBKBDDHXXX',
    account: '1102000456789',
    country: 'BD',
    receiver: 'CHASUS33XXX',
    format: 'mt103',
    open: 570,
    close: 1020,
    perDay: 3,
  },
  {
    name: 'PACIFIC RIM ELECTRONICS CORP',
    bic: 'PRCBTWTPXXX',
    account: '0455001230001',
    country: 'TW',
    receiver: 'CITIUS33XXX',
    format: 'mt103',
    open: 540,
    close: 1050,
    perDay: 4,
  },
  {
    name: 'ANDES COPPER EXPORT SA',
    bic: 'ANDBCLRMXXX',
    account: '00012345678',
    country: 'CL',
    receiver: 'BOFAUS3NXXX',
    format: 'pacs.008',
    open: 540,
    close: 1080,
    perDay: 3,
  },
  {
    name: 'MEKONG AGRICULTURE JSC',
    bic: 'MKBKVNVXXXX',
    account: '10020003000400',
    country: 'VN',
    receiver: 'WFBIUS6SXXX',
    format: 'mt103',
    open: 480,
    close: 1020,
    perDay: 2,
  },
  {
    name: 'GOTHAM MACHINERY INC',
    bic: 'GTHMUS33XXX',
    account: '987650001',
    country: 'US',
    receiver: 'CHASUS33XXX',
    format: 'pacs.008',
    open: 510,
    close: 1050,
    perDay: 4,
  },
  {
    name: 'ISLAND SHIPPING HOLDINGS',
    bic: 'ISBKPHMMXXX',
    account: '001230045607',
    country: 'PH',
    receiver: 'CITIUS33XXX',
    format: 'pacs.008',
    open: 510,
    close: 1050,
    perDay: 2,
  },
];

/** Suppliers and correspondents the originators pay regularly: institutions in trading countries. */
export const SUPPLIER_COUNTRIES = ['SG', 'JP', 'DE', 'GB', 'CN', 'IN', 'US', 'KR', 'HK', 'AE'];
export const SUPPLIER_WORDS = [
  'GLOBAL',
  'ORIENT',
  'UNITED',
  'NORTHSTAR',
  'SUMMIT',
  'CRESCENT',
  'EVEREST',
  'PIONEER',
  'HORIZON',
  'ATLAS',
  'DELTA',
  'MERIDIAN',
  'SAPPHIRE',
  'GOLDEN',
  'LOTUS',
  'HARBOUR',
];
export const SUPPLIER_TRADES = [
  'TRADING',
  'INDUSTRIES',
  'ENGINEERING',
  'LOGISTICS',
  'ENERGY',
  'TEXTILES',
  'ELECTRONICS',
  'SHIPPING',
  'PHARMACEUTICAL',
  'SECURITIES',
  'CAPITAL',
  'INSURANCE',
];
export const SUPPLIER_FORMS = ['LTD', 'PTE LTD', 'GMBH', 'PLC', 'CO LTD', 'INC', 'LLC', 'CORP'];

/** Invented personal names for the beneficiaries of heist runs (none is a real account holder). */
export const FIRST_NAMES = [
  'RAMON',
  'JOSEFINA',
  'ANTONIO',
  'MARISOL',
  'EDUARDO',
  'CARMELA',
  'ROGELIO',
  'LEONORA',
  'DANILO',
  'TERESITA',
  'NIMAL',
  'KUMARI',
  'CHAMINDA',
  'DILANI',
];
export const LAST_NAMES = [
  'SANTOS',
  'REYES',
  'BAUTISTA',
  'VILLANUEVA',
  'MENDOZA',
  'AQUINO',
  'PERERA',
  'FERNANDO',
  'SILVA',
  'JAYAWARDENA',
  'DIZON',
  'NAVARRO',
];

/** Banks of the heist runs' beneficiaries, in countries the originators never paid. */
export const MULE_BANKS = [
  { bic: 'MULEPHMMXXX', country: 'PH' },
  { bic: 'MULBPHMMXXX', country: 'PH' },
  { bic: 'MULELKLXXXX', country: 'LK' },
  { bic: 'MULEKHPPXXX', country: 'KH' },
  { bic: 'MULEHKHHXXX', country: 'HK' },
];
