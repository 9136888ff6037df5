/**
 * Runs `work` over `inputs` with at most `concurrency` in flight, keeping results in input order.
 * The first rejection stops new work from starting and is rethrown once in-flight work settles.
 */
export async function mapConcurrent<T, R>(
  inputs: readonly T[],
  concurrency: number,
  work: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < inputs.length) {
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
