/**
 * `--target` and `--exclude`: globs on endpoint Ids (`*` any run of characters, `?` one
 * character), matched ignoring case as Pinpoint does. No target means every endpoint.
 */
export function createIdFilter(targets: readonly string[], excludes: readonly string[]): (id: string) => boolean {
  const include = targets.map(globToRegExp);
  const exclude = excludes.map(globToRegExp);
  return (id) => (include.length === 0 || include.some((r) => r.test(id))) && !exclude.some((r) => r.test(id));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}
