import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sumOfSquares } from './cpu-work.js';

export interface CpuResult {
  result: bigint;
  /** Time spent computing inside the worker, not waiting in the queue. */
  seconds: number;
}

/** Runs sumOfSquares off the main thread so `/health` and `/metrics` stay responsive. */
export interface CpuRunner {
  /** `signal` withdraws a task that is still queued (its client left); a running one finishes. */
  run(iterations: number, signal?: AbortSignal): Promise<CpuResult>;
  close(): Promise<void>;
}

// The worker is evaluated from source text rather than loaded from a file, so the same code works from
// the compiled dist/ and from TypeScript under vitest/vite-node (which cannot load a .ts worker file).
const workerSource = `
const { parentPort } = require('node:worker_threads');
const sumOfSquares = ${sumOfSquares.toString()};
parentPort.on('message', (iterations) => {
  const start = process.hrtime.bigint();
  const result = sumOfSquares(iterations);
  parentPort.postMessage({ result, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
});
`;

interface Task {
  iterations: number;
  resolve: (r: CpuResult) => void;
  reject: (e: unknown) => void;
}

/**
 * A fixed-size pool of worker threads, started lazily (an idle server keeps no workers), with a FIFO
 * queue for requests beyond the pool size. A worker that dies fails only its own task and is replaced.
 */
export function createCpuPool(size: number = availableParallelism()): CpuRunner {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  const queue: Task[] = [];
  let closed = false;

  function spawn(): Worker {
    const worker = new Worker(workerSource, { eval: true });
    worker.unref(); // a pool must never be what keeps the process alive
    let failure: Error | undefined;
    worker.on('message', (msg: CpuResult) => {
      const task = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      task?.resolve(msg);
      dispatch();
    });
    worker.on('error', (err) => {
      failure = err;
    });
    worker.on('exit', (code) => {
      const i = idle.indexOf(worker);
      if (i !== -1) idle.splice(i, 1);
      const task = busy.get(worker);
      busy.delete(worker);
      task?.reject(failure ?? new Error(`cpu worker exited with code ${code}`));
      if (!closed) dispatch();
    });
    return worker;
  }

  function dispatch(): void {
    while (queue.length > 0 && (idle.length > 0 || busy.size + idle.length < size)) {
      const task = queue.shift();
      if (!task) return;
      const worker = idle.pop() ?? spawn();
      busy.set(worker, task);
      worker.postMessage(task.iterations);
    }
  }

  return {
    run(iterations, signal) {
      if (closed) return Promise.reject(new Error('cpu pool is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const task: Task = { iterations, resolve, reject };
        const withdraw = () => {
          const i = queue.indexOf(task);
          if (i === -1) return;
          queue.splice(i, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', withdraw, { once: true });
        const settled = () => signal?.removeEventListener('abort', withdraw);
        task.resolve = (r) => {
          settled();
          resolve(r);
        };
        task.reject = (e) => {
          settled();
          reject(e);
        };
        queue.push(task);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('cpu pool is closed'));
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
