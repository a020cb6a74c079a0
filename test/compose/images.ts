import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PrivateApt } from './private-apt.js';

/**
 * The local images the compose end-to-end test runs in place of the pinned ones (none can be
 * pulled here): Debian's own Prometheus, node-exporter and cAdvisor builds, each laid out like its
 * official image (binary path, user, volume, entrypoint, busybox for the healthchecks' `wget`), a
 * Node base for our own Dockerfiles, and two stand-ins, named as such, where no binary exists.
 * Each is a root filesystem unpacked from `.deb`s and imported with `docker import`.
 */
export interface ImageSpec {
  tag: string;
  /** Debian packages ("name" from bookworm, "name/suite" otherwise), unpacked with their dependencies. */
  packages: string[];
  /** The upstream version the package named first after busybox must have (e.g. /^3\.5\./). */
  expect?: { pkg: string; version: RegExp };
  /** Adds the host's Node 20 and npm (what `node:20-*-slim` has at /usr/local). */
  node?: boolean;
  /** A TypeScript entry bundled (esbuild) into one file inside the image. */
  bundle?: { entry: string; to: string };
  /** Directories created with an owner (uid). */
  dirs?: { path: string; uid: number }[];
  links?: { link: string; target: string }[];
  /** Dockerfile instructions `docker import --change` applies (USER, ENTRYPOINT, CMD, …). */
  changes: string[];
}

const root = path.resolve(import.meta.dirname, '../..');
const here = (file: string) => path.join(import.meta.dirname, file);

export const imageSpecs: ImageSpec[] = [
  {
    // prom/prometheus: /bin/prometheus and /bin/promtool, USER nobody, /prometheus a volume.
    tag: 'workshop-e2e/prometheus:3.5-debian',
    packages: ['busybox-static', 'prometheus/sid'],
    expect: { pkg: 'prometheus/sid', version: /^3\.5\./ },
    dirs: [
      { path: 'prometheus', uid: 65534 },
      { path: 'etc/prometheus', uid: 65534 },
    ],
    changes: [
      'USER nobody',
      'WORKDIR /prometheus',
      'VOLUME ["/prometheus"]',
      'EXPOSE 9090',
      'ENTRYPOINT ["/bin/prometheus"]',
      'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]',
    ],
  },
  {
    // prom/node-exporter: /bin/node_exporter, USER nobody.
    tag: 'workshop-e2e/node-exporter:1-debian',
    packages: ['busybox-static', 'prometheus-node-exporter/sid'],
    expect: { pkg: 'prometheus-node-exporter/sid', version: /^1\./ },
    links: [{ link: 'usr/bin/node_exporter', target: 'prometheus-node-exporter' }],
    changes: ['USER nobody', 'EXPOSE 9100', 'ENTRYPOINT ["/bin/node_exporter"]'],
  },
  {
    // cAdvisor's deploy/Dockerfile: /usr/bin/cadvisor -logtostderr, as root.
    tag: 'workshop-e2e/cadvisor:0.38-debian',
    packages: ['busybox-static', 'cadvisor/bullseye'],
    expect: { pkg: 'cadvisor/bullseye', version: /^0\.38\./ },
    changes: ['EXPOSE 8080', 'ENTRYPOINT ["/usr/bin/cadvisor", "-logtostderr"]'],
  },
  {
    // The base our webapp and progress Dockerfiles build on here (their NODE_IMAGE build argument):
    // what node:20-bookworm-slim has that they use — node and npm in /usr/local, user node (1000).
    tag: 'workshop-e2e/node:20-debian',
    packages: ['busybox-static', 'libstdc++6'],
    node: true,
    changes: ['CMD ["node"]'],
  },
  {
    // STAND-IN for grafana/grafana: the Grafana API stand-in (test/grafana-stand-in), user 472 and
    // /var/lib/grafana like the real image, curl for the healthcheck.
    tag: 'workshop-e2e/grafana-stand-in:12.2',
    packages: ['busybox-static', 'libstdc++6', 'curl'],
    node: true,
    bundle: { entry: here('grafana-stand-in-entry.ts'), to: 'usr/share/grafana-stand-in/main.js' },
    dirs: [{ path: 'var/lib/grafana', uid: 472 }],
    changes: [
      'USER 472',
      'EXPOSE 3000',
      'ENTRYPOINT ["/usr/local/bin/node", "/usr/share/grafana-stand-in/main.js"]',
    ],
  },
  {
    // STAND-IN for prom/statsd-exporter: answers the healthcheck and the scrape (statsd-stand-in.ts).
    tag: 'workshop-e2e/statsd-exporter-stand-in:1',
    packages: ['busybox-static', 'libstdc++6'],
    node: true,
    bundle: { entry: here('statsd-stand-in.ts'), to: 'usr/share/statsd-stand-in/main.js' },
    changes: [
      'USER nobody',
      'EXPOSE 9102 9125/udp',
      'ENTRYPOINT ["/usr/local/bin/node", "/usr/share/statsd-stand-in/main.js"]',
    ],
  },
];

const inputsLabel = 'workshop.e2e.inputs';

export interface BuildDeps {
  apt: PrivateApt;
  docker: (args: string[], input?: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>;
  dockerEnv: Record<string, string>;
  say: (message: string) => void;
}

/** Builds each image whose inputs (exact package versions, stand-in sources) changed; returns what it built. */
export async function buildLocalImages(deps: BuildDeps, specs = imageSpecs): Promise<string[]> {
  const built: string[] = [];
  for (const spec of specs) {
    const closure = await deps.apt.closure(spec.packages);
    if (spec.expect) {
      const version = await deps.apt.version(spec.expect.pkg);
      const upstream = version.replace(/^\d+:/, '').replace(/[+~-].*$/, '');
      if (!spec.expect.version.test(upstream))
        throw new Error(
          `${spec.tag}: the mirror's ${spec.expect.pkg} is ${version}, not the ${spec.expect.version} this test pins`,
        );
    }
    const inputs = hash([
      closure,
      spec,
      spec.node ? process.version : '',
      spec.bundle ? await bundleSources(spec.bundle.entry) : '',
      spec.node ? await extraCaCerts().then((c) => c?.content ?? '') : '',
    ]);
    const current = await deps.docker([
      'image',
      'inspect',
      '--format',
      `{{index .Config.Labels "${inputsLabel}"}}`,
      spec.tag,
    ]);
    if (current.exitCode === 0 && current.stdout.trim() === inputs) continue;
    deps.say(`Building ${spec.tag} (${closure.length} Debian packages)…`);
    const debs = await deps.apt.download(closure);
    const rootfs = await mkdtemp(path.join(os.tmpdir(), 'workshop-e2e-rootfs-'));
    try {
      await assemble(rootfs, spec, debs, deps.say);
      const changes = [...spec.changes, `LABEL ${inputsLabel}=${inputs}`];
      if (spec.node) {
        const ca = await extraCaCerts();
        if (ca) changes.push(`ENV NODE_EXTRA_CA_CERTS=${ca.path}`);
      }
      // A shell pipe: the root filesystem streams into the engine without being held in memory.
      const r = await execa(
        'sh',
        [
          '-c',
          'root="$1"; shift; tar -C "$root" -c . | docker import "$@"',
          'sh',
          rootfs,
          ...changes.flatMap((c) => ['--change', c]),
          '-',
          spec.tag,
        ],
        { env: deps.dockerEnv, reject: false, all: true },
      );
      if (r.exitCode !== 0) throw new Error(`docker import ${spec.tag} failed: ${r.all}`);
      built.push(spec.tag);
    } finally {
      await rm(rootfs, { recursive: true, force: true });
    }
  }
  return built;
}

async function assemble(rootfs: string, spec: ImageSpec, debs: string[], say: (m: string) => void) {
  // Merged /usr, as Debian 12 images have: /bin/prometheus is /usr/bin/prometheus.
  await mkdir(path.join(rootfs, 'usr', 'bin'), { recursive: true });
  for (const d of ['lib', 'lib64', 'sbin']) await mkdir(path.join(rootfs, 'usr', d), { recursive: true });
  for (const d of ['bin', 'lib', 'lib64', 'sbin']) await symlink(`usr/${d}`, path.join(rootfs, d));
  for (const deb of debs)
    await execa('sh', [
      '-c',
      'dpkg-deb --fsys-tarfile "$1" | tar -x --keep-directory-symlink -C "$2"',
      'sh',
      deb,
      rootfs,
    ]);
  // busybox's applets (sh, wget, stat, tail, …) where no package put a program of that name.
  const busybox = path.join(rootfs, 'usr', 'bin', 'busybox');
  const applets = (await execa(busybox, ['--list'])).stdout.split('\n').filter(Boolean);
  for (const applet of applets) {
    const file = path.join(rootfs, 'usr', 'bin', applet);
    if (!existsSync(file) && !existsSync(path.join(rootfs, 'usr', 'sbin', applet)))
      await symlink('busybox', file);
  }
  await mkdir(path.join(rootfs, 'etc'), { recursive: true });
  await writeFile(
    path.join(rootfs, 'etc', 'passwd'),
    [
      'root:x:0:0:root:/root:/bin/sh',
      'node:x:1000:1000::/home/node:/bin/sh',
      'grafana:x:472:0::/usr/share/grafana:/bin/sh',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(rootfs, 'etc', 'group'),
    ['root:x:0:', 'node:x:1000:', 'nogroup:x:65534:', 'nobody:x:65534:', ''].join('\n'),
  );
  for (const d of ['tmp', 'var/tmp']) {
    await mkdir(path.join(rootfs, d), { recursive: true });
    await chmod(path.join(rootfs, d), 0o1777);
  }
  await mkdir(path.join(rootfs, 'root'), { recursive: true });
  if (spec.node) await addNode(rootfs, say);
  if (spec.bundle) await bundle(spec.bundle.entry, path.join(rootfs, spec.bundle.to));
  for (const d of spec.dirs ?? []) {
    await mkdir(path.join(rootfs, d.path), { recursive: true });
    await chown(path.join(rootfs, d.path), d.uid, d.uid);
  }
  for (const l of spec.links ?? []) await symlink(l.target, path.join(rootfs, l.link));
}

/** The host's Node 20 and npm, where the official node image has them. */
async function addNode(rootfs: string, say: (m: string) => void) {
  const local = path.join(rootfs, 'usr', 'local');
  await mkdir(path.join(local, 'bin'), { recursive: true });
  await cp(process.execPath, path.join(local, 'bin', 'node'));
  const npm = path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
  if (!existsSync(npm)) throw new Error(`npm was not found beside ${process.execPath} (looked in ${npm})`);
  await cp(npm, path.join(local, 'lib', 'node_modules', 'npm'), { recursive: true, verbatimSymlinks: true });
  await symlink('../lib/node_modules/npm/bin/npm-cli.js', path.join(local, 'bin', 'npm'));
  await symlink('../lib/node_modules/npm/bin/npx-cli.js', path.join(local, 'bin', 'npx'));
  await mkdir(path.join(rootfs, 'home', 'node'), { recursive: true });
  await chown(path.join(rootfs, 'home', 'node'), 1000, 1000);
  const ca = await extraCaCerts();
  if (ca) {
    // This machine's TLS goes through a CA only its own bundle has: npm inside a build needs it too.
    say(
      `NODE_EXTRA_CA_CERTS is set here (${ca.path}): copying it into the image, so npm in builds trusts the same CAs`,
    );
    await mkdir(path.dirname(path.join(rootfs, ca.path)), { recursive: true });
    await writeFile(path.join(rootfs, ca.path), ca.content);
  }
}

async function extraCaCerts(): Promise<{ path: string; content: string } | undefined> {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return undefined;
  const content = await readFile(file, 'utf8').catch(() => undefined);
  return content === undefined ? undefined : { path: path.resolve(file), content };
}

async function bundle(entry: string, outfile: string) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies bundled into ESM still call require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
}

/** The bundle's own sources (a change rebuilds the image); dependencies change with package-lock.json. */
async function bundleSources(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return hash([
    Object.keys(r.metafile.inputs).sort(),
    r.outputFiles.map((f) => f.hash),
    await readFile(path.join(root, 'package-lock.json'), 'utf8'),
  ]);
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
