// Document paths as users read them: `endpoints[3].Attributes.Plan`, quoting odd names.

const PLAIN_NAME = /^[A-Za-z_$][\w$-]*$/;

export function childPath(base: string, key: string): string {
  if (!PLAIN_NAME.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** The path within one endpoint (`Attributes.Plan`), which is what a message should name. */
export function fieldLabel(path: string): string {
  return path.replace(/^(?:endpoints|Item)\[\d+\]\.?/, '') || path;
}

export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];

/** `['endpoints', 3, 'Attributes', 'Plan']` -> `endpoints[3].Attributes.Plan`. */
export function pathText(path: DocPath): string {
  let out = '';
  for (const segment of path) out = typeof segment === 'number' ? indexPath(out, segment) : childPath(out, segment);
  return out;
}

/** fieldLabel of a path given as segments. */
export function labelOf(path: DocPath): string {
  return fieldLabel(pathText(path));
}
