import { z } from 'zod';

/** Prometheus HTTP API envelopes (https://prometheus.io/docs/prometheus/latest/querying/api/). */
const envelope = {
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
};

export const apiError = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
  ...envelope,
});
export type ApiError = z.infer<typeof apiError>;

export const success = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('success'), data, ...envelope });

/** Sample values travel as strings ("NaN", "+Inf" included). */
const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

export const queryData = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labels, value: sampleValue })),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })),
  }),
  z.object({ resultType: z.literal('scalar'), result: sampleValue }),
  z.object({ resultType: z.literal('string'), result: sampleValue }),
]);
export type QueryData = z.infer<typeof queryData>;

export const targetsData = z.object({
  activeTargets: z.array(
    z.object({
      labels: labels,
      scrapePool: z.string(),
      scrapeUrl: z.string(),
      lastError: z.string(),
      lastScrape: z.string(),
      /** Seconds the last scrape took (Prometheus 2.x and 3.x both report it). */
      lastScrapeDuration: z.number().optional(),
      health: z.enum(['up', 'down', 'unknown']),
      scrapeInterval: z.string().optional(),
    }),
  ),
});
export type ScrapeTarget = z.infer<typeof targetsData>['activeTargets'][number];

export const stringList = z.array(z.string());
export const seriesList = z.array(labels);
export const formattedQuery = z.string();
