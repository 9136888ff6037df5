// "Did you mean" for misspelt names: a case-insensitive match first, else the closest name within
// edit distance 2 (and closer than the name's own length, so `X` does not suggest `Id`).

export function suggestName(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    const d = editDistance(lower, other, bestDistance);
    if (d < bestDistance && d < Math.min(lower.length, other.length)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "X"?)` when a candidate is close, else ''. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const s = suggestName(input, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}

/** Levenshtein distance, or `limit` as soon as it is certain to reach it. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return Math.min(prev[b.length]!, limit);
}
