/**
 * The discriminating dataset: one fixed hour of the webapp's own metrics (and cAdvisor- and
 * process-shaped series for Part D), written as OpenMetrics for `promtool tsdb
 * create-blocks-from openmetrics`. Built so that each known mistake answers differently from
 * the exercise's query at the grading instants: 4xx and 5xx in different shares, a 5xx burst
 * (the alert fires) and a quiet stretch where the 5xx share is between 1 % and 5 % (`> 0` and
 * `> 0.01` fire, `> 0.05` does not), a latency burst (p95 above 1 s), traffic that changes
 * minute by minute and within a minute (1m ≠ 5m, irate ≠ rate), latencies spread over buckets.
 * Deterministic and pure: the same text every time.
 */

/** 2026-01-01T00:00:00Z: the dataset's first sample, in seconds. */
export const datasetStart = 1_767_225_600;
export const datasetMinutes = 60;
export const datasetStepSeconds = 15;

/**
 * The instants (seconds) where answers are compared: quiet errors, the 5xx burst, after it,
 * the latency burst, mixed traffic, and the last minute's burst.
 */
export const gradingInstants = [12, 27, 35, 45, 51, 59].map((m) => datasetStart + m * 60);

const buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

interface Kind {
  method: string;
  path: string;
  status: string;
  /** Requests per second in the quiet phase. */
  rate: number;
  /** Typical latency in seconds (requests spread around it over the buckets). */
  latency: number;
}

const kinds: Kind[] = [
  { method: 'GET', path: '/', status: '200', rate: 4, latency: 0.008 },
  { method: 'GET', path: '/api/data', status: '200', rate: 3, latency: 0.04 },
  { method: 'POST', path: '/api/data', status: '201', rate: 1.2, latency: 0.09 },
  { method: 'GET', path: '/api/data', status: '404', rate: 0.6, latency: 0.006 },
  { method: 'POST', path: '/api/submit', status: '400', rate: 0.35, latency: 0.02 },
  { method: 'GET', path: '/error', status: '500', rate: 0.25, latency: 0.03 },
  { method: 'GET', path: '/api/data', status: '503', rate: 0.08, latency: 0.6 },
  { method: 'GET', path: '/delay', status: '200', rate: 0.5, latency: 0.4 },
];

/** How traffic of a kind changes with the minute: the phases, and a wobble within each. */
function rateAt(kind: Kind, minute: number, quarter: number): number {
  const server = kind.status.startsWith('5');
  let factor = 1 + 0.35 * Math.sin(minute * 1.7 + kind.rate);
  if (minute >= 22 && minute < 30 && server) factor *= 14; // the 5xx burst: the alert fires
  if (minute >= 38 && minute < 47 && kind.path === '/delay') factor *= 12; // the latency burst
  if (minute >= 55) factor *= kind.status === '404' ? 5 : 2.5; // the last minute's burst: 1m ≠ 5m
  if (minute >= 48 && minute < 52 && kind.status.startsWith('4')) factor *= 3;
  return kind.rate * factor * ([0.6, 1.4, 0.9, 1.1][quarter] ?? 1);
}

/** How latencies of a kind spread: a share per bucket around its typical latency. */
function latencyShares(kind: Kind, minute: number): number[] {
  const slow = minute >= 38 && minute < 47 && kind.path === '/delay' ? 6 : 1;
  const centre = Math.log(kind.latency * slow);
  const weights = [...buckets, 20].map((b, i) => {
    const lower = Math.log(i === 0 ? b / 2 : (buckets[i - 1] as number));
    const upper = Math.log(b);
    const mid = (lower + upper) / 2;
    return Math.exp(-((mid - centre) ** 2) / 1.2);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

const labelText = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

interface Series {
  name: string;
  labels: Record<string, string>;
  values: number[];
}

const webapp = { job: 'webapp-prometheus', instance: 'webapp:3001' };
const steps = (datasetMinutes * 60) / datasetStepSeconds + 1;

function requestSeries(): { count: Series[]; bucket: Series[]; sum: Series[]; total: Series[] } {
  const count: Series[] = [];
  const bucket: Series[] = [];
  const sum: Series[] = [];
  const totals = new Map<string, Series>();
  for (const kind of kinds) {
    const labels = { method: kind.method, path: kind.path, status: kind.status, ...webapp };
    const c: Series = { name: 'flask_http_request_duration_seconds_count', labels, values: [] };
    const s: Series = { name: 'flask_http_request_duration_seconds_sum', labels, values: [] };
    const bs: Series[] = [...buckets.map(String), '+Inf'].map((le) => ({
      name: 'flask_http_request_duration_seconds_bucket',
      labels: { ...labels, le },
      values: [],
    }));
    const totalKey = `${kind.method} ${kind.status}`;
    const total = totals.get(totalKey) ?? {
      name: 'flask_http_request_total',
      labels: { method: kind.method, status: kind.status, ...webapp },
      values: new Array(steps).fill(0),
    };
    totals.set(totalKey, total);
    let n = 0;
    let seconds = 0;
    const inBucket = new Array(buckets.length + 1).fill(0) as number[];
    for (let i = 0; i < steps; i++) {
      if (i > 0) {
        const minute = Math.floor(((i - 1) * datasetStepSeconds) / 60);
        const added = Math.round(rateAt(kind, minute, (i - 1) % 4) * datasetStepSeconds);
        const shares = latencyShares(kind, minute);
        let left = added;
        shares.forEach((share, b) => {
          const k = b === shares.length - 1 ? left : Math.min(left, Math.round(added * share));
          left -= k;
          inBucket[b] = (inBucket[b] ?? 0) + k;
          const upper = b < buckets.length ? (buckets[b] as number) : 15;
          const lower = b === 0 ? 0 : (buckets[b - 1] as number);
          seconds += k * (lower + upper) * 0.5;
        });
        n += added;
      }
      c.values.push(n);
      s.values.push(Math.round(seconds * 1000) / 1000);
      let cumulative = 0;
      bs.forEach((b, j) => {
        cumulative += inBucket[j] ?? 0;
        b.values.push(cumulative);
      });
      total.values[i] = (total.values[i] ?? 0) + n;
    }
    count.push(c);
    sum.push(s);
    bucket.push(...bs);
  }
  return { count, bucket, sum, total: [...totals.values()] };
}

const containers = [
  { id: '/docker/3f2a9c1b7d4e', name: 'prometheus-webapp', image: 'workshop-webapp', cpu: 0.12 },
  { id: '/docker/8b1e0d6f2c5a', name: 'prometheus-server', image: 'prom/prometheus', cpu: 0.05 },
  { id: '/docker/c47d2e9a1f08', name: 'prometheus-grafana', image: 'grafana/grafana', cpu: 0.03 },
];
/** cgroups that are not containers: no name label, as cAdvisor reports them. */
const cgroups = [
  { id: '/', cpu: 0.6 },
  { id: '/system.slice', cpu: 0.3 },
  { id: '/system.slice/docker.service', cpu: 0.02 },
];

function saturationSeries(): {
  cpu: Series[];
  memory: Series[];
  processCpu: Series[];
  processMemory: Series[];
} {
  const cadvisor = { job: 'cadvisor', instance: 'cadvisor:8080' };
  const cpu: Series[] = [];
  const memory: Series[] = [];
  const all = [
    ...containers.map((c) => ({ labels: { id: c.id, image: c.image, name: c.name }, cpu: c.cpu })),
    ...cgroups.map((c) => ({ labels: { id: c.id }, cpu: c.cpu })),
  ];
  all.forEach((c, k) => {
    const cpuSeries: Series = {
      name: 'container_cpu_usage_seconds_total',
      labels: { ...c.labels, cpu: 'total', ...cadvisor },
      values: [],
    };
    const memSeries: Series = {
      name: 'container_memory_usage_bytes',
      labels: { ...c.labels, ...cadvisor },
      values: [],
    };
    let used = 100 + k * 37;
    for (let i = 0; i < steps; i++) {
      const minute = Math.floor((i * datasetStepSeconds) / 60);
      used += c.cpu * datasetStepSeconds * (1 + 0.5 * Math.sin(minute * 0.9 + k) + (i % 4) * 0.2);
      cpuSeries.values.push(Math.round(used * 1000) / 1000);
      memSeries.values.push(Math.round((50 + k * 40 + 10 * Math.sin(minute / 3 + k)) * 1_048_576));
    }
    cpu.push(cpuSeries);
    memory.push(memSeries);
  });
  const processCpu: Series[] = [];
  const processMemory: Series[] = [];
  [
    { job: 'webapp-prometheus', instance: 'webapp:3001', cpu: 0.08, mb: 70 },
    { job: 'prometheus', instance: 'localhost:9090', cpu: 0.04, mb: 120 },
    { job: 'node-exporter', instance: 'node-exporter:9100', cpu: 0.01, mb: 18 },
  ].forEach((p, k) => {
    const c: Series = {
      name: 'process_cpu_seconds_total',
      labels: { job: p.job, instance: p.instance },
      values: [],
    };
    const m: Series = {
      name: 'process_resident_memory_bytes',
      labels: { job: p.job, instance: p.instance },
      values: [],
    };
    let used = 10 + k;
    for (let i = 0; i < steps; i++) {
      const minute = Math.floor((i * datasetStepSeconds) / 60);
      used += p.cpu * datasetStepSeconds * (1 + 0.6 * Math.sin(minute * 1.3 + k) + (i % 4) * 0.15);
      c.values.push(Math.round(used * 1000) / 1000);
      m.values.push(Math.round((p.mb + 8 * Math.sin(minute / 4 + k)) * 1_048_576));
    }
    processCpu.push(c);
    processMemory.push(m);
  });
  return { cpu, memory, processCpu, processMemory };
}

/** The whole dataset as OpenMetrics text, metric family by family, each series in time order. */
export function workloadOpenMetrics(): string {
  const r = requestSeries();
  const sat = saturationSeries();
  const families: { name: string; type: string; series: Series[] }[] = [
    {
      name: 'flask_http_request_duration_seconds',
      type: 'histogram',
      series: [...r.bucket, ...r.count, ...r.sum],
    },
    { name: 'flask_http_request', type: 'counter', series: r.total },
    { name: 'container_cpu_usage_seconds', type: 'counter', series: sat.cpu },
    { name: 'container_memory_usage_bytes', type: 'gauge', series: sat.memory },
    { name: 'process_cpu_seconds', type: 'counter', series: sat.processCpu },
    { name: 'process_resident_memory_bytes', type: 'gauge', series: sat.processMemory },
  ];
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.series)
      s.values.forEach((v, i) => {
        lines.push(`${s.name}${labelText(s.labels)} ${v} ${datasetStart + i * datasetStepSeconds}`);
      });
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
