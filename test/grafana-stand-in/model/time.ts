// Grafana in Docker runs in UTC and reads timestamps back from SQLite with second precision,
// so Go's time.Time JSON (RFC 3339) comes out like "2024-11-20T10:11:12Z".
export function grafanaTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's zero time.Time, e.g. DashboardMeta.expires for a dashboard that never expires. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
