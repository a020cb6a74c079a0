import { UsageError } from '../errors.js';

/** What the optional positional argument after a mode means, and its default. */
export interface ModeArgument {
  name: 'count' | 'seconds';
  default: number;
}

export interface ModeInfo {
  summary: string;
  argument?: ModeArgument;
}

/** The modes of the original generate_traffic.sh (minus its broken db/users ones), plus `flood`. */
export const modes = {
  quick: { summary: '50 mixed requests to every endpoint, all at once (longest: one 5–25 s delay)' },
  demo: { summary: 'the five monitoring scenarios: traffic, latency, errors, saturation, 404s' },
  sustained: {
    summary: 'one request every 0.5 s for [seconds] (default 300), cycling health → CPU → errors',
    argument: { name: 'seconds', default: 300 },
  },
  errors: { summary: '25 × /error?rate=90, then 15 × /nonexistent (404)' },
  metrics: { summary: 'a little of everything: /, /health, delays, errors, CPU, memory' },
  cpu: { summary: '[count] CPU-heavy requests (default 10)', argument: { name: 'count', default: 10 } },
  memory: { summary: '[count] memory-heavy requests (default 10)', argument: { name: 'count', default: 10 } },
  delay: {
    summary: '[count] slow requests of 0.5–5.5 s (default 10)',
    argument: { name: 'count', default: 10 },
  },
  'error-test': {
    summary: '[count] /error requests with random rates (default 30)',
    argument: { name: 'count', default: 30 },
  },
  full: { summary: 'metrics, 30 mixed requests, errors, then sustained for 120 s' },
  flood: {
    summary: 'as fast as possible (or --rate) for --duration seconds against --path (benchmarking)',
  },
} as const satisfies Record<string, ModeInfo>;

export type ModeName = keyof typeof modes;

const aliases = new Map<string, ModeName>([['scenarios', 'demo']]);

const modeNames = Object.keys(modes) as ModeName[];

/** Every mode: the help and an unknown mode's hint list them all (flood's flags are in the help too). */
export const listedModes = modeNames;

export function modeInfo(mode: ModeName): ModeInfo {
  return modes[mode];
}

/** The mode a name (or alias) stands for; anything else is a usage error that lists the modes. */
export function resolveMode(name: string): ModeName {
  if (Object.hasOwn(modes, name)) return name as ModeName;
  const alias = aliases.get(name);
  if (alias) return alias;
  throw new UsageError(`unknown traffic mode "${name}"`, `available modes: ${listedModes.join(', ')}`);
}
