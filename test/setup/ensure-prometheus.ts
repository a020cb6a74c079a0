import { ensurePrometheusInstalled, nodeInstallDeps } from '../../cli/stack/install.js';

/**
 * vitest global setup: the end-to-end tests need the real Prometheus and node-exporter.
 * Installs them from Debian's packages with the CLI's own code when missing (and allowed);
 * otherwise the run fails here, loudly, instead of skipping anything.
 */
export default async function setup(): Promise<void> {
  const allowInstall = process.env.WORKSHOP_NO_INSTALL === undefined;
  const result = await ensurePrometheusInstalled(
    allowInstall,
    await nodeInstallDeps(process.env, (m) => process.stderr.write(`${m}\n`)),
  );
  if (result === 'installed') process.stderr.write('Installed prometheus and prometheus-node-exporter.\n');
}
