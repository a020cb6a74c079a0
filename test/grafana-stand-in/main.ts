// Manual use: `PORT=3000 npx vite-node test/grafana-stand-in/main.ts` starts the stand-in and
// prints its URL. GF_SECURITY_ADMIN_USER / GF_SECURITY_ADMIN_PASSWORD work like in the Grafana image.
import { startGrafanaStandIn } from './server.js';

const standIn = await startGrafanaStandIn({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  adminUser: process.env.GF_SECURITY_ADMIN_USER,
  adminPassword: process.env.GF_SECURITY_ADMIN_PASSWORD,
});
process.stdout.write(`${standIn.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
