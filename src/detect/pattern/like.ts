/** SQL LIKE (`%` any run, `_` one character; no escape character in STIX) as an anchored RegExp. */
export function likeToRegExp(like: string): RegExp {
  let source = '';
  for (const ch of like) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}
