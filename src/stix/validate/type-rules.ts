import { isBulwarkError } from '../../errors/index.ts';
import { parsePattern } from '../pattern/index.ts';
import { TLP_1_LEVELS } from '../registry/vocab.ts';
import { isPlainObject, type ValidationContext } from './context.ts';

type ObjectRule = (obj: Record<string, unknown>, ctx: ValidationContext) => void;

const TLP_1 = new Set<string>(TLP_1_LEVELS);

/** A marking definition's `definition` must match its `definition_type` (section 7.2.1). */
function markingDefinition(obj: Record<string, unknown>, ctx: ValidationContext): void {
  const definition = obj.definition;
  if (!isPlainObject(definition)) return;
  if (obj.definition_type === 'tlp') {
    const level = definition.tlp;
    if (typeof level !== 'string' || !TLP_1.has(level)) {
      ctx.path.push('definition');
      ctx.errorAt('tlp', 'enum', 'a TLP 1.0 definition names tlp white, green, amber or red');
      ctx.path.pop();
    }
  } else if (obj.definition_type === 'statement' && typeof definition.statement !== 'string') {
    ctx.path.push('definition');
    ctx.errorAt('statement', 'required', 'a statement marking needs a statement string');
    ctx.path.pop();
  }
}

/** A STIX-language indicator pattern must parse; other pattern languages are not checked here. */
function indicatorPattern(obj: Record<string, unknown>, ctx: ValidationContext): void {
  if (obj.pattern_type !== 'stix' || typeof obj.pattern !== 'string') return;
  try {
    parsePattern(obj.pattern);
  } catch (error) {
    if (!isBulwarkError(error)) throw error;
    const [firstLine] = error.message.split('\n');
    ctx.errorAt('pattern', 'pattern', `not a valid STIX pattern: ${firstLine}`, error.hint);
  }
}

/** STIX 2.1 requires `is_family`; ATT&CK, the most used reference source, leaves it out, so only warn. */
function malwareIsFamily(obj: Record<string, unknown>, ctx: ValidationContext): void {
  if (obj.is_family === undefined) ctx.warnAt('is_family', 'required', 'is_family is required by STIX 2.1');
}

/** Rules of single types that the registry's data does not express. */
export const TYPE_RULES: Readonly<Record<string, readonly ObjectRule[]>> = {
  'marking-definition': [markingDefinition],
  indicator: [indicatorPattern],
  malware: [malwareIsFamily],
};
