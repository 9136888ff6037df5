// A FieldChange path joins segments with dots, but attribute and metric names may contain dots
// themselves ("Attributes.plan.tier" is the attribute "plan.tier"), so a path is split against the
// endpoint's known structure rather than at every dot.

/** The segments of a field path: ["Address"], ["Attributes", name], ["User", "UserAttributes", name]. */
export function splitFieldPath(path: string): readonly string[] {
  const dot = path.indexOf('.');
  if (dot < 0) return [path];
  const first = path.slice(0, dot);
  const rest = path.slice(dot + 1);
  if (first === 'User' && rest.startsWith('UserAttributes.')) {
    return ['User', 'UserAttributes', rest.slice('UserAttributes.'.length)];
  }
  return [first, rest];
}

/** The attribute name when the path is an attribute or user attribute, else undefined. */
export function attributeName(path: string): string | undefined {
  const segments = splitFieldPath(path);
  if (segments[0] === 'Attributes' && segments.length === 2) return segments[1];
  if (segments[0] === 'User' && segments[1] === 'UserAttributes' && segments.length === 3) return segments[2];
  return undefined;
}
