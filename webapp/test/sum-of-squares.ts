/** Σ i² for i in 0..n-1 by the closed form n(n-1)(2n-1)/6: the independent check of /cpu-intensive. */
export const sumOfSquaresClosedForm = (n: bigint): bigint => (n * (n - 1n) * (2n * n - 1n)) / 6n;
