/** Many STIX indicators compiled into one matcher: hash tables, address-block arrays, combined expressions. */
export { type Anchor, type AnchorPlan, anchorPlan, type BareAnchor } from './anchors.ts';
export { CidrIndex } from './cidr-index.ts';
export { ExactTable } from './exact-table.ts';
export { FNV_OFFSET, FNV_PRIME, FoldSet, finishFold, foldHashBytes, foldHashString } from './fold-hash.ts';
export {
  type IndicatorInput,
  IndicatorMatcher,
  KIND_CONFIRM,
  KIND_INVALID,
  KIND_MULTI,
  KIND_PURE,
  KIND_RESIDUAL,
  type MatcherStats,
} from './indicator-matcher.ts';
export { canonicalHashName, keyNormaliser, pathKey } from './path-key.ts';
export { simpleAnchor } from './simple-pattern.ts';
export { VALUE_EQUALS, VALUE_ESCAPED, VALUE_NON_ASCII, ValueFilter } from './value-filter.ts';
