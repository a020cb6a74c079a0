import { describe, expect, it } from 'vitest';
import { debianMirror } from './apt-mirror.js';

// Shapes of Debian 12's own files: deb822 in sources.list.d/debian.sources, one-line in sources.list.
const deb822 = `Types: deb
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
`;

describe('debianMirror: the machine mirror from its apt sources', () => {
  it('reads a deb822 file, keeping its keyring and skipping the security archive', () => {
    expect(debianMirror([{ name: 'debian.sources', text: deb822 }])).toEqual({
      uri: 'http://mirror.example/debian',
      keyring: '/usr/share/keyrings/debian-archive-keyring.gpg',
    });
  });

  it('reads one-line entries and skips third-party suites and deb-src', () => {
    const text = [
      'deb https://packages.example/apt cloud-sdk-bookworm main',
      'deb-src http://src.example/debian bookworm main',
      '# deb http://commented.example/debian bookworm main',
      'deb [arch=amd64] http://one.example/debian/ bookworm main',
    ].join('\n');
    expect(debianMirror([{ name: 'sources.list', text }])).toEqual({ uri: 'http://one.example/debian' });
  });

  it('finds nothing when no entry is a Debian release', () => {
    const nodesource =
      'Types: deb\nURIs: https://deb.example/node_20.x\nSuites: nodistro\nComponents: main\n';
    expect(debianMirror([{ name: 'nodesource.sources', text: nodesource }])).toBeUndefined();
  });
});
