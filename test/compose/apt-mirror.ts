/**
 * The machine's own Debian mirror, read from its apt sources at run time (never written into the
 * repository): the first `deb` entry whose suites include a Debian release and whose path is not a
 * security or updates archive. Both formats: deb822 (`*.sources`) and one-line (`*.list`).
 */
export interface DebianMirror {
  uri: string;
  /** The keyring the machine verifies that mirror with (apt's `signed-by`), if it names one. */
  keyring?: string;
}

const releases = /^(bookworm|trixie|forky|sid|bullseye|stable|testing|unstable)$/;

interface Entry {
  uris: string[];
  suites: string[];
  signedBy: string | undefined;
}

function deb822Entries(text: string): Entry[] {
  return text
    .split(/\n\s*\n/)
    .map((stanza) => {
      const field = (name: string) =>
        stanza
          .match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1]
          ?.trim()
          .split(/\s+/) ?? [];
      const types = field('Types');
      if (!types.includes('deb') || /^Enabled:\s*no/im.test(stanza)) return undefined;
      return { uris: field('URIs'), suites: field('Suites'), signedBy: field('Signed-By')[0] };
    })
    .filter((e): e is Entry => e !== undefined);
}

function oneLineEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = line.match(/^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)/);
    if (!m) continue;
    const signedBy = m[1]?.match(/signed-by=(\S+)/)?.[1];
    entries.push({ uris: [m[2] as string], suites: [m[3] as string], signedBy });
  }
  return entries;
}

export function debianMirror(files: { name: string; text: string }[]): DebianMirror | undefined {
  for (const { name, text } of files) {
    const entries = name.endsWith('.sources') ? deb822Entries(text) : oneLineEntries(text);
    for (const e of entries) {
      if (!e.suites.some((s) => releases.test(s))) continue;
      const uri = e.uris.find((u) => /^https?:\/\//.test(u) && !/security|updates/.test(u));
      if (uri) return { uri: uri.replace(/\/+$/, ''), ...(e.signedBy ? { keyring: e.signedBy } : {}) };
    }
  }
  return undefined;
}
