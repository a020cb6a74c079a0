/** JSON.parse that says undefined instead of throwing: for text a schema checks next. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
