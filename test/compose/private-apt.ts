import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { debianMirror } from './apt-mirror.js';

/**
 * apt with its own sources, lists, cache and (empty) dpkg status under `dir`: it resolves and
 * downloads `.deb`s from bookworm, sid and bullseye of the machine's own mirror without touching
 * the machine's apt configuration or its installed packages.
 */
export class PrivateApt {
  private updated = false;
  /** Answers already worked out from the current lists (apt takes a minute a call on a loaded machine). */
  private memo: { stamp: string; answers: Record<string, unknown> } | undefined;
  private readonly dir: string;
  private readonly say: (message: string) => void;
  constructor(dir: string, say: (message: string) => void) {
    this.dir = dir;
    this.say = say;
  }

  private options(): string[] {
    const d = this.dir;
    const settings = [
      `Dir::Etc::SourceList=${path.join(d, 'sources.list')}`,
      'Dir::Etc::SourceParts=/dev/null',
      `Dir::State::Lists=${path.join(d, 'lists')}`,
      `Dir::Cache=${path.join(d, 'cache')}`,
      // An empty status: dependencies resolve as on an empty root filesystem.
      `Dir::State::status=${path.join(d, 'status')}`,
      // Unpinned packages come from bookworm (Debian 12); sid and bullseye only when named.
      'APT::Default-Release=bookworm',
      // Nothing here touches the machine's dpkg database, whose lock others may hold.
      'Debug::NoLocking=1',
    ];
    return settings.flatMap((s) => ['-o', s]);
  }

  private async apt(tool: 'apt-get' | 'apt-cache', args: string[], cwd?: string) {
    const r = await execa(tool, [...this.options(), ...args], {
      reject: false,
      all: true,
      cwd,
      timeout: 10 * 60_000,
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.exitCode !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed:\n${(r.all ?? '').split('\n').slice(-8).join('\n')}`);
    return r.stdout;
  }

  /** Writes the sources (the machine's mirror, three suites) and fetches the lists at most every 6 hours. */
  async update(): Promise<void> {
    if (this.updated) return;
    const mirror = await machineMirror();
    const keyring = mirror.keyring ?? '/usr/share/keyrings/debian-archive-keyring.gpg';
    await mkdir(path.join(this.dir, 'lists', 'partial'), { recursive: true });
    await mkdir(path.join(this.dir, 'cache', 'archives', 'partial'), { recursive: true });
    await mkdir(path.join(this.dir, 'debs'), { recursive: true });
    const sources = ['bookworm', 'sid', 'bullseye']
      .map((suite) => `deb [signed-by=${keyring}] ${mirror.uri} ${suite} main`)
      .join('\n');
    const sourcesFile = path.join(this.dir, 'sources.list');
    const same = (await readFile(sourcesFile, 'utf8').catch(() => '')) === `${sources}\n`;
    await writeFile(sourcesFile, `${sources}\n`);
    await writeFile(path.join(this.dir, 'status'), '');
    const age = await listsAge(path.join(this.dir, 'lists'));
    if (!same || age === undefined || age > 6 * 3600_000) {
      this.say(`Fetching package lists (bookworm, sid, bullseye) from ${mirror.uri} into ${this.dir}…`);
      await this.apt('apt-get', ['update', '-q']);
    }
    this.updated = true;
  }

  /** `compute`'s answer for `key`, kept in resolved.json for as long as the package lists stay the same. */
  private async remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.update();
    const file = path.join(this.dir, 'resolved.json');
    const stamp = await listsStamp(path.join(this.dir, 'lists'));
    if (this.memo?.stamp !== stamp) {
      const kept = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Partial<typeof this.memo>;
      this.memo = { stamp, answers: kept?.stamp === stamp && kept.answers ? kept.answers : {} };
    }
    if (key in this.memo.answers) return this.memo.answers[key] as T;
    const answer = await compute();
    this.memo.answers[key] = answer;
    await writeFile(file, JSON.stringify(this.memo));
    return answer;
  }

  /** Every package (name=version) an install of `roots` ("name" or "name/suite") would unpack on an empty root. */
  closure(roots: string[]): Promise<string[]> {
    return this.remembered(`closure ${roots.join(' ')}`, () => this.resolveClosure(roots));
  }

  private async resolveClosure(roots: string[]): Promise<string[]> {
    // name=version, not name/suite: with /suite apt takes the dependencies from that suite too
    // (bullseye's libc6 for cadvisor), where bookworm's are wanted.
    const pinned = await Promise.all(
      roots.map(async (r) => (r.includes('/') ? `${r.split('/')[0]}=${await this.version(r)}` : r)),
    );
    const out = await this.apt('apt-get', ['install', '--simulate', '--no-install-recommends', ...pinned]);
    return [...out.matchAll(/^Inst (\S+) \((\S+) /gm)].map((m) => `${m[1]}=${m[2]}`);
  }

  /** The version `name/suite` has in the lists (for image tags and sanity checks). */
  version(pkg: string): Promise<string> {
    return this.remembered(`version ${pkg}`, () => this.resolveVersion(pkg));
  }

  private async resolveVersion(pkg: string): Promise<string> {
    const [name, suite] = pkg.split('/');
    const out = await this.apt('apt-cache', ['madison', name as string]);
    const line = out.split('\n').find((l) => !suite || l.includes(` ${suite}/`));
    const version = line?.split('|')[1]?.trim();
    if (!version) throw new Error(`${pkg} is not in the mirror's lists`);
    return version;
  }

  /** Downloads each name=version once (kept in the cache dir); returns the .deb paths. */
  async download(pkgs: string[]): Promise<string[]> {
    await this.update();
    const debsDir = path.join(this.dir, 'debs');
    const fileOf = (pkg: string) => {
      const [name, version] = pkg.split('=') as [string, string];
      // apt's file names escape the epoch's colon as %3a.
      return `${name}_${version.replace(':', '%3a')}_`;
    };
    const present = await readdir(debsDir);
    const missing = pkgs.filter((p) => !present.some((f) => f.startsWith(fileOf(p))));
    if (missing.length) await this.apt('apt-get', ['download', '-q', ...missing], debsDir);
    const all = await readdir(debsDir);
    return pkgs.map((p) => {
      const file = all.find((f) => f.startsWith(fileOf(p)) && f.endsWith('.deb'));
      if (!file) throw new Error(`apt-get download ${p} left no .deb in ${debsDir}`);
      return path.join(debsDir, file);
    });
  }
}

async function machineMirror() {
  const files: { name: string; text: string }[] = [];
  const dir = '/etc/apt/sources.list.d';
  for (const name of existsSync(dir) ? (await readdir(dir)).sort() : [])
    files.push({ name, text: await readFile(path.join(dir, name), 'utf8') });
  if (existsSync('/etc/apt/sources.list'))
    files.push({ name: 'sources.list', text: await readFile('/etc/apt/sources.list', 'utf8') });
  const mirror = debianMirror(files);
  if (!mirror)
    throw new Error(
      'no Debian mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/: the compose end-to-end test fetches its packages from it',
    );
  return mirror;
}

/** The package lists' names, sizes and times: what every resolved answer depends on. */
async function listsStamp(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n !== 'partial' && n !== 'lock').sort();
  const stats = await Promise.all(names.map((n) => stat(path.join(dir, n))));
  return JSON.stringify(names.map((n, i) => [n, stats[i]?.size, stats[i]?.mtimeMs]));
}

async function listsAge(dir: string): Promise<number | undefined> {
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('InRelease')) : [];
  if (names.length < 3) return undefined;
  const times = await Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).mtimeMs));
  return Date.now() - Math.min(...times);
}
