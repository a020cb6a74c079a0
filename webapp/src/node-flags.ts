/**
 * How Node runs the webapp (native backend, Dockerfile, `npm run webapp`, benchmarks; a test
 * keeps them in step). Measured on 2 cores: idle RSS 74 → 66 MB, after 8,000 requests 119 →
 * 73 MB, for about a fifth of peak throughput (still ~9,500 req/s on GET /).
 * - --expose-gc: `/memory-usage` collects its blocks at once when the last one is released,
 *   instead of holding them until some later allocation makes V8 collect.
 * - --optimize-for-size, --max-semi-space-size=1: a smaller young generation and heap.
 */
export const webappNodeFlags = ['--expose-gc', '--optimize-for-size', '--max-semi-space-size=1'] as const;
