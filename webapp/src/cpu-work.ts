/**
 * The `/cpu-intensive` computation: sum of i² for i in 0..iterations-1, exactly, as the original's
 * `result += i ** 2` loop. BigInt on purpose: it keeps the result exact past 2^53, and it costs about as
 * much per iteration as CPython's loop (measured on the dev machine: ~60 ns/iteration here against
 * ~140 ns for CPython 3; a plain number loop would be ~1 ns and the saturation exercise would show
 * nothing).
 *
 * Self-contained (no imports, no closure): cpu-pool.ts ships its source text to worker threads.
 */
export function sumOfSquares(iterations: number): bigint {
  let result = 0n;
  for (let i = 0n, n = BigInt(iterations); i < n; i++) result += i * i;
  return result;
}
