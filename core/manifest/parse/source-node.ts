// The parsed form every manifest file is reduced to, whatever parser read it (the yaml library,
// the fast YAML path or the JSON parser). Validation reads only these nodes, so the parsers can
// change without touching a rule. Offsets are UTF-16 indexes into the file's text.

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** Offset of the first character (the opening quote of a quoted scalar). */
  readonly start: number;
  /** Offset just past the last character (past the closing quote). */
  readonly end: number;
}

export interface MapEntry {
  readonly key: SourceNode;
  readonly value: SourceNode;
}

export interface MapNode {
  readonly kind: 'map';
  readonly entries: MapEntry[];
  readonly start: number;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: SourceNode[];
  readonly start: number;
}

export type SourceNode = ScalarNode | MapNode | SeqNode;

/** A syntax problem found by a parser, before any manifest rule runs. */
export interface SyntaxProblem {
  readonly severity: 'error' | 'warning';
  readonly offset: number;
  readonly message: string;
  /** True for the yaml library's duplicate-key report, which has its own diagnostic code. */
  readonly duplicateKey?: boolean;
}

export interface ParsedText {
  /** undefined when the text holds nothing but whitespace and comments. */
  readonly root: SourceNode | undefined;
  readonly problems: readonly SyntaxProblem[];
}

export function describeNode(node: SourceNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return 'an empty value (null)';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the boolean ${v}`;
}
