/**
 * Runs `work` over `inputs` with at most `concurrency` in flight, keeping results in input order.
 * The first rejection stops new work from starting and is rethrown once in-flight work settles.
 * Once `signal` is aborted no new work starts either; inputs never started have no result
 * (`undefined` at their index) and the call resolves when the in-flight work is done.
 */
export async function mapConcurrent<T, R>(
  inputs: readonly T[],
  concurrency: number,
  work: (input: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<(R | undefined)[]> {
  const results = new Array<R | undefined>(inputs.length).fill(undefined);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !signal?.aborted && next < inputs.length) {
      const index = next++;
      try {
        results[index] = await work(inputs[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, inputs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
