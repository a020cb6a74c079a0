import { defaultBuckets } from '../../exercises/histogram-buckets.js';

/** The lower bound of the bucket holding `seconds`: what histogram_quantile can at least report. */
export function bucketFloor(seconds: number): number {
  return [0, ...defaultBuckets].filter((b) => b < seconds).at(-1) ?? 0;
}
