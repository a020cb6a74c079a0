/** prometheus_client's default buckets, the webapp's too: the histogram cannot resolve finer than these. */
export const defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
