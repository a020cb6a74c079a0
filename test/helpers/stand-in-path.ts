import { mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { root } from './run-cli.js';

/**
 * A PATH with only node and the named stand-ins (test/stand-ins), so what else is installed on
 * the machine (a real docker-compose, say) can never change a test's outcome.
 */
export async function standInPath(tools: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bin-'));
  await symlink(process.execPath, path.join(dir, 'node'));
  for (const tool of tools) await symlink(path.join(root, 'test', 'stand-ins', tool), path.join(dir, tool));
  return dir;
}
