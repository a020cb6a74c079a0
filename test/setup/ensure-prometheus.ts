import type { TestProject } from 'vitest/node';
import { ensurePrometheusInstalled, nodeInstallDeps } from '../../cli/stack/install.js';
import { debian12Build, type PrometheusBuild, prometheus35 } from './prometheus-builds.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Prometheus builds the native end-to-end tests run on, each as the env the CLI gets. */
    prometheusBuilds: PrometheusBuild[];
  }
}

/**
 * vitest global setup: the end-to-end tests need the real Prometheus and node-exporter, both the
 * Debian 12 build (installed with the CLI's own code when missing and allowed) and the 3.5 the
 * compose stack pins (unpacked from Debian sid's packages). When either cannot be had the run
 * fails here, loudly, instead of skipping anything.
 */
export default async function setup(project: TestProject): Promise<void> {
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const allowInstall = process.env.WORKSHOP_NO_INSTALL === undefined;
  const result = await ensurePrometheusInstalled(allowInstall, await nodeInstallDeps(process.env, say));
  if (result === 'installed') say('Installed prometheus and prometheus-node-exporter.');
  project.provide('prometheusBuilds', [debian12Build, await prometheus35(say)]);
}
