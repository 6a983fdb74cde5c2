import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';

const level = z.enum(['severe', 'high', 'medium', 'low', 'none']);
const weight = z.number().min(0).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const rule = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ enabled: z.boolean(), weight, ...shape });

const schema = z.strictObject({
  risk: z.strictObject({ severe: weight, high: weight, medium: weight, low: weight }),
  history: z.strictObject({ minPayments: z.int().min(0) }),
  rules: z.strictObject({
    newBeneficiary: rule({}),
    newBeneficiaryBank: rule({}),
    newBeneficiaryCountry: rule({}),
    amountOutlier: rule({ robustZ: z.number().positive(), minSamples: z.int().min(2) }),
    offHours: rule({ holidayWeight: weight, beneficiaryHolidayWeight: weight, start: hhmm, end: hhmm }),
    burst: rule({
      windowMinutes: z.number().positive(),
      minCount: z.int().min(2),
      largeFactor: z.number().positive(),
    }),
    individualBeneficiary: rule({ institutionShare: z.number().min(0).max(1) }),
    watchlist: rule({ accountWeight: weight, threshold: z.number().min(0).max(1), minRisk: level }),
    textAnomaly: rule({ minLength: z.int().min(3) }),
  }),
  dictionary: z.array(z.string().regex(/^[A-Z]+$/, 'uppercase letters')),
  watchlist: z.array(
    z.strictObject({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)).optional(),
      accounts: z.array(z.string().min(1)).optional(),
      source: z.string().min(1),
    }),
  ),
});

export type ScreeningConfig = z.infer<typeof schema>;
export type WatchlistEntry = ScreeningConfig['watchlist'][number];

const DEFAULT_FILE = new URL('./default-config.yaml', import.meta.url);

/** The shipped configuration (default-config.yaml beside this file). */
export function defaultConfig(): ScreeningConfig {
  return validate(parseYaml(readFileSync(DEFAULT_FILE, 'utf8')), 'default-config.yaml');
}

/**
 * Reads an analyst's YAML or JSON configuration: keys it leaves out keep the defaults, lists (dictionary,
 * watchlist) replace the default lists.
 */
export function loadConfig(text: string, source = 'config'): ScreeningConfig {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new BulwarkError('PAYMENT_CONFIG', `${source} is not YAML or JSON`, { source, cause: error });
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw new BulwarkError('PAYMENT_CONFIG', `${source} must be a mapping of settings`, { source });
  }
  return validate(merge(defaultConfig(), value ?? {}), source);
}

function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}

function validate(value: unknown, source: string): ScreeningConfig {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new BulwarkError(
    'PAYMENT_CONFIG',
    `${source}: ${path || 'configuration'}: ${issue?.message ?? 'invalid'}`,
    {
      source,
      path,
      hint: 'Compare with src/payments/screen/default-config.yaml',
    },
  );
}
