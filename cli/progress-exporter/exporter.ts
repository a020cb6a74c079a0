import type { IncomingMessage, ServerResponse } from 'node:http';
import { exporterRegistry, probeExposition } from './exposition.js';
import type { ExerciseProgress } from './view.js';

export interface ExporterDeps {
  /** Read on each scrape of /metrics: a name set later with `up --learner` shows at once. */
  learner(): Promise<string>;
  version: string;
  /** The probe modules: the exercise ids. */
  modules: readonly string[];
  /** One grading of an exercise; throws when it could not be graded at all. */
  grade(module: string): Promise<ExerciseProgress>;
  /** A probe within this time of the last grading gets that grading again (the scrape interval)... */
  ttlMs: number;
  /** ...unless what it grades has changed since (the query log grew): then it is graded at once. */
  changed?(module: string): Promise<boolean>;
  now(): number;
  log(line: string): void;
}

interface Grading {
  progress?: ExerciseProgress;
  durationSeconds: number;
}

interface Graded {
  atMs: number;
  result: Promise<Grading>;
}

const textFormat = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The progress exporter's HTTP handler, in the multi-target exporter pattern: `/probe?module=`
 * grades one exercise (at most once per `ttlMs`, one grading at a time per exercise, however
 * many scrapes arrive), `/metrics` is the exporter's own.
 */
export function progressExporter(deps: ExporterDeps) {
  const own = exporterRegistry(deps.version);
  const cache = new Map<string, Graded>();

  const graded = async (module: string): Promise<Grading> => {
    const last = cache.get(module);
    const pending = last?.atMs === Number.POSITIVE_INFINITY;
    if (last && (pending || (deps.now() - last.atMs < deps.ttlMs && !(await deps.changed?.(module)))))
      return last.result;
    const started = deps.now();
    const result = deps.grade(module).then(
      (progress): Grading => ({ progress, durationSeconds: (deps.now() - started) / 1000 }),
      (error: Error): Grading => {
        deps.log(`grading ${module} failed: ${error.message}`);
        return { durationSeconds: (deps.now() - started) / 1000 };
      },
    );
    const entry: Graded = { atMs: Number.POSITIVE_INFINITY, result };
    // While it runs, every probe shares it; once done, it is fresh for ttlMs from then.
    cache.set(module, entry);
    void result.then((r) => {
      entry.atMs = deps.now();
      own.graded(module, r.durationSeconds);
    });
    return result;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://exporter');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'only GET and HEAD\n');
    switch (url.pathname) {
      case '/probe': {
        const module = url.searchParams.get('module');
        if (!module || !deps.modules.includes(module))
          return send(
            res,
            400,
            'text/plain',
            `module must be one of ${deps.modules.join(', ')}${module ? ` (got "${module}")` : ''}\n`,
          );
        const r = await graded(module);
        return send(
          res,
          200,
          textFormat,
          await probeExposition(r.progress, {
            exercise: module,
            success: r.progress !== undefined,
            durationSeconds: r.durationSeconds,
          }),
        );
      }
      case '/metrics':
        return send(res, 200, textFormat, await own.metrics(await deps.learner()));
      case '/-/healthy':
        return send(res, 200, 'text/plain', 'Healthy\n');
      case '/':
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          `<!doctype html><title>workshop progress exporter</title><h1>workshop progress exporter</h1><ul>${deps.modules
            .map((m) => `<li><a href="/probe?module=${m}">/probe?module=${m}</a></li>`)
            .join('')}<li><a href="/metrics">/metrics</a></li></ul>\n`,
        );
      default:
        return send(res, 404, 'text/plain', 'not found\n');
    }
  };
}
