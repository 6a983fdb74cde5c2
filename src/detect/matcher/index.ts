/** Many STIX indicators compiled into one matcher: hash tables, address-block arrays, combined expressions. */
export { type Anchor, type AnchorPlan, anchorPlan, type BareAnchor } from './anchors.ts';
export { CidrIndex } from './cidr-index.ts';
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
