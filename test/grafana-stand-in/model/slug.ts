// Mirrors pkg/infra/slugify/slugify.go: lowercase, keep [a-z0-9], a few word replacements,
// every run of other characters becomes one '-', and dashes are trimmed at both ends.
const REPLACEMENTS: Record<string, string> = { '&': 'and', '@': 'at' };

export function slugify(title: string): string {
  const plain = title
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  let slug = '';
  let lastWasInvalid = false;
  for (const char of plain) {
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      slug += replacement;
      lastWasInvalid = false;
    } else if (/[a-z0-9]/.test(char)) {
      slug += char;
      lastWasInvalid = false;
    } else if (!lastWasInvalid) {
      slug += '-';
      lastWasInvalid = true;
    }
  }
  return slug.replace(/^-+|-+$/g, '');
}
