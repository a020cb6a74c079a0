/**
 * Plain-text columns, two spaces apart, each line indented by two spaces. Columns are
 * left-aligned, except the first `rightFrom` … last, which hold numbers. Pure.
 */
export function renderTable(
  titles: readonly string[],
  rows: readonly (readonly string[])[],
  rightFrom = titles.length,
): string[] {
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${titles
      .map((_, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return i >= rightFrom ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd()}`;
  return [line(titles), ...rows.map(line)];
}

/** How a status reads in a table: 0 is not a status but the absence of one. */
export function statusText(status: number): string {
  return status === 0 ? 'none' : String(status);
}
