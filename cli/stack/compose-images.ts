import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Exec } from '../exec.js';

/** What `docker compose config --format json` says of each service's image. */
const composeConfig = z.object({
  name: z.string(),
  services: z.record(
    z.string(),
    z.object({
      image: z.string().optional(),
      build: z
        .object({
          context: z.string(),
          dockerfile: z.string().optional(),
          args: z.record(z.string(), z.string().nullable()).optional(),
        })
        .optional(),
    }),
  ),
});
export type ComposeConfig = z.infer<typeof composeConfig>;

/** Undefined when Compose printed something else (then `up` itself reports what is wrong). */
export function parseComposeConfig(stdout: string): ComposeConfig | undefined {
  try {
    const parsed = composeConfig.safeParse(JSON.parse(stdout));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The images the stack runs on: each service's pinned image, and for a service built from a
 * Dockerfile its image once built (Compose names it <project>-<service>), else the base image its
 * build starts FROM (build arguments applied).
 */
export async function neededImages(
  config: ComposeConfig,
  present: (image: string) => Promise<boolean>,
): Promise<string[]> {
  const images = new Set<string>();
  for (const [service, s] of Object.entries(config.services)) {
    if (!s.build) {
      if (s.image) images.add(s.image);
      continue;
    }
    if (await present(s.image ?? `${config.name}-${service}`)) continue;
    const dockerfile = path.resolve(s.build.context, s.build.dockerfile ?? 'Dockerfile');
    const base = baseImage(await readFile(dockerfile, 'utf8'), s.build.args ?? {});
    if (base) images.add(base);
  }
  return [...images];
}

/** The image a Dockerfile's first FROM names, its ${ARG}s filled from the build args or their defaults. */
export function baseImage(dockerfile: string, args: Record<string, string | null>): string | undefined {
  const defaults: Record<string, string> = {};
  for (const line of dockerfile.split('\n')) {
    const arg = line.match(/^\s*ARG\s+([A-Za-z_]\w*)(?:=(\S+))?/i);
    if (arg?.[1] && arg[2] !== undefined) defaults[arg[1]] = arg[2];
    const from = line.match(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i);
    if (from?.[1])
      return from[1].replace(/\$\{?(\w+)\}?/g, (_, name: string) => args[name] ?? defaults[name] ?? '');
  }
  return undefined;
}

export interface UnavailableImage {
  image: string;
  /** The pull's own error, first line. */
  error: string;
}

/** How long one pull may take to show that the registry answers. */
export const pullTimeoutMs = 60_000;

/**
 * The first image the stack needs that is neither here nor pullable (an offline classroom), or
 * undefined. Missing images are pulled now (in parallel), as `docker compose up` would; a pull
 * still downloading when its time is up counts as pullable: the registry answered.
 */
export async function unavailableImage(
  exec: Exec,
  config: ComposeConfig,
): Promise<UnavailableImage | undefined> {
  const present = async (image: string) =>
    (await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 15_000 }))
      .exitCode === 0;
  const needed = await neededImages(config, present);
  const missing: string[] = [];
  for (const image of needed) if (!(await present(image))) missing.push(image);
  const pulls = await Promise.all(
    missing.map(async (image) => {
      const r = await exec('docker', ['pull', image], { timeoutMs: pullTimeoutMs });
      if (r.exitCode === 0 || /Pulling fs layer|Downloading|Already exists/.test(r.stdout)) return undefined;
      const error =
        /timed out/i.test(r.stderr) || !r.stderr.trim()
          ? `no answer from its registry within ${pullTimeoutMs / 1000} s`
          : firstLine(r.stderr);
      return { image, error };
    }),
  );
  return pulls.find((p) => p !== undefined);
}

/** The one line `up` says of it. */
export function unavailableImageLine(u: UnavailableImage): string {
  return `the image ${u.image} is not on this machine and cannot be pulled (${u.error})`;
}

function firstLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? ''
  );
}
