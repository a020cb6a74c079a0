import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

/** Env for a native stack on free ports and its own state dir, so tests never meet a user's stack. */
export async function isolatedStackEnv(): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-native-'));
  const url = async () => `http://127.0.0.1:${await freePort()}`;
  return {
    WORKSHOP_STATE_DIR: path.join(dir, 'state'),
    WORKSHOP_APP_URL: await url(),
    WORKSHOP_PROMETHEUS_URL: await url(),
    WORKSHOP_NODE_EXPORTER_URL: await url(),
    WORKSHOP_GRAFANA_URL: await url(),
    WORKSHOP_STATSD_URL: await url(),
    WORKSHOP_CADVISOR_URL: await url(),
    WORKSHOP_PROGRESS_URL: await url(),
  };
}
