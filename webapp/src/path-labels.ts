/** The `path` label shared by every unknown path once the distinct-path cap is reached. */
export const unmatchedPathLabel = '/<unmatched>';
/** Longer unknown paths are cut to this many characters before they become a label. */
export const maxPathLabelLength = 100;

/**
 * Maps a request path to its `path` label. Known routes are their own label; unknown paths keep
 * their raw path (so the workshop's deliberate `/users` 404s show up as in the original) but only
 * the first `maxUnknown` distinct ones: a scanner must not be able to create unbounded series.
 */
export function createPathLabeler(
  knownPaths: Iterable<string>,
  maxUnknown: number,
): (path: string) => string {
  const known = new Set(knownPaths);
  const unknown = new Set<string>();
  return (path) => {
    if (known.has(path)) return path;
    const label = path.length > maxPathLabelLength ? path.slice(0, maxPathLabelLength) : path;
    if (unknown.has(label)) return label;
    if (unknown.size >= maxUnknown) return unmatchedPathLabel;
    unknown.add(label);
    return label;
  };
}
