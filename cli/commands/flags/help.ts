/** The common end of every command's --help: examples and what its exit codes mean. */
export function helpFooter(examples: string[], exitCodes: string[]): string {
  return [
    '',
    'Examples:',
    ...examples.map((e) => `  $ ${e}`),
    '',
    'Exit codes:',
    ...exitCodes.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export const exitCodeLines = {
  ok: '0    done',
  failed: '1    a check failed',
  usage: '2    bad usage: an unknown flag, mode or exercise, an unreadable file',
  upstream: '3    the stack or an upstream service (Prometheus, Grafana, Docker) could not do its part',
  unchecked: '4    nothing failed, but some checks could not be checked (the report says what to do)',
  interrupted: '130  interrupted (Ctrl-C); 143 for SIGTERM',
};
