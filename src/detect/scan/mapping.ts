import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';

const target = z.union([
  z.string().min(1),
  z.object({ to: z.string().min(1), transform: z.enum(['basename', 'lowercase']).optional() }).strict(),
]);

const format = z
  .object({
    name: z.string().min(1),
    detect: z.array(z.string().min(1)),
    prefixes: z.array(z.string()).optional(),
    time: z.array(z.string().min(1)),
    fields: z.record(z.string().min(1), target),
  })
  .strict();

const mappingFile = z.object({ description: z.string().optional(), formats: z.array(format) }).strict();

export type FieldTarget = z.infer<typeof target>;
export type LogFormat = z.infer<typeof format>;
export interface Mapping {
  readonly formats: readonly LogFormat[];
}

/** The mapping shipped with Bulwark (ECS, Zeek JSON, Sysmon / Windows JSON, Suricata eve.json). */
export const DEFAULT_MAPPING_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'data',
  'mappings',
  'default.json',
);

/** Reads and checks a mapping file; SCAN_MAPPING says what is wrong and where. */
export function readMapping(file: string): Mapping {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BulwarkError('SCAN_MAPPING', `Cannot read mapping ${file}: ${(error as Error).message}`, {
      hint: 'Give a JSON file shaped like data/mappings/default.json',
    });
  }
  const parsed = mappingFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('SCAN_MAPPING', `Mapping ${file}: ${issue.message}`, {
      path: issue.path.join('.'),
      hint: 'Each format needs name, detect, time and fields; see data/mappings/default.json',
    });
  }
  return parsed.data;
}

/** The default mapping, with a user's formats (if any) tried first. */
export function loadMapping(userFile?: string): Mapping {
  const base = readMapping(DEFAULT_MAPPING_FILE);
  if (userFile === undefined) return base;
  return { formats: [...readMapping(userFile).formats, ...base.formats] };
}
