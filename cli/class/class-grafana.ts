import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { GrafanaClient } from '../grafana/client.js';
import { classDashboardFile, classDataSourceUid } from './class-compose.js';

const ok = z.looseObject({});

/**
 * Puts the class into an instructor's Grafana through its HTTP API (what the compose class stack
 * provisions from files): the class Prometheus as the data source `Workshop class`, and the class
 * dashboard. Idempotent: run again, it updates both.
 */
export async function provisionClassGrafana(client: GrafanaClient, prometheusUrl: string): Promise<string[]> {
  const body = {
    name: 'Workshop class',
    uid: classDataSourceUid,
    type: 'prometheus',
    url: prometheusUrl,
    access: 'proxy',
    isDefault: false,
    jsonData: { httpMethod: 'POST' },
  };
  const existing = (await client.dataSources()).find((d) => d.uid === classDataSourceUid);
  if (existing) await client.call('PUT', `/api/datasources/uid/${classDataSourceUid}`, ok, body);
  else await client.call('POST', '/api/datasources', ok, body);
  const dashboard = JSON.parse(await readFile(classDashboardFile, 'utf8')) as Record<string, unknown>;
  await client.call('POST', '/api/dashboards/db', ok, {
    dashboard: { ...dashboard, id: null },
    overwrite: true,
    message: 'workshop class up',
  });
  return [
    `data source Workshop class: ${existing ? 'updated' : 'created'} (URL ${prometheusUrl})`,
    `dashboard ${String(dashboard.title)}: ${client.baseUrl}/d/${String(dashboard.uid)}`,
  ];
}
