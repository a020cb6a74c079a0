import type { AppEvents } from '../app-events.js';
import type { Config } from '../config.js';
import type { CpuRunner } from '../cpu-pool.js';
import type { MemoryBudget } from '../memory-budget.js';
import type { Random } from '../random.js';

/** What the route handlers need; all of it injectable. */
export interface RouteContext {
  config: Config;
  random: Random;
  events: AppEvents;
  cpu: CpuRunner;
  memory: MemoryBudget;
  /** A full garbage collection (Node's `gc` with --expose-gc); undefined where it is not exposed. */
  collectGarbage: (() => void) | undefined;
}

export const timestamp = (): string => new Date().toISOString();
