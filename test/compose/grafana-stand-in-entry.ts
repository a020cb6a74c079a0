// The Grafana API stand-in as the compose stack's `grafana` service (test image only: no Grafana
// binary can be had here). It plays the version docker-compose.yml pins (12.2) and checks data
// sources from inside the compose network, as Grafana's server does.
import { startGrafanaStandIn } from '../grafana-stand-in/server.js';

const standIn = await startGrafanaStandIn({
  port: 3000,
  host: '0.0.0.0',
  version: '12.2',
  adminUser: process.env.GF_SECURITY_ADMIN_USER,
  adminPassword: process.env.GF_SECURITY_ADMIN_PASSWORD,
});
process.stdout.write(`Grafana API stand-in (plays Grafana 12.2) on ${standIn.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void standIn.close().then(() => process.exit(0)));
