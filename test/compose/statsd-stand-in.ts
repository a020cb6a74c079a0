// STAND-IN for statsd_exporter in the compose end-to-end test: no statsd_exporter binary exists on
// the machines this is built on. It answers what the stack asks of the real one — the healthcheck
// and Prometheus's scrape of /metrics on 9102 — and counts the statsd packets it receives on
// 9125/udp, but translates none of them into metrics (no workshop check reads statsd metrics).
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';

let packets = 0;
const udp = createSocket('udp4');
udp.on('message', () => {
  packets += 1;
});
udp.bind(9125, '0.0.0.0');

const http = createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end('not found\n');
    return;
  }
  // Prometheus 3 refuses a scrape without a text/plain (or OpenMetrics) content type.
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(
    [
      '# HELP workshop_statsd_stand_in_packets_total statsd packets received (this is a stand-in, not statsd_exporter).',
      '# TYPE workshop_statsd_stand_in_packets_total counter',
      `workshop_statsd_stand_in_packets_total ${packets}`,
      '',
    ].join('\n'),
  );
});
http.listen(9102, '0.0.0.0');

// PID 1 in its container: exit on SIGTERM at once, or every `docker compose down` waits 10 s.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
