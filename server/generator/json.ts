/**
 * JSON text for scenario files: keys in insertion order (the generator builds objects in a fixed order, so the
 * text is stable), two-space indentation, and small things on one line (number and coordinate lists, nodes, pipes) so a
 * city of thousands of buildings stays readable and diffable.
 */
const INLINE_MAX_CHARS = 120;

export function formatJson(value: unknown): string {
  return `${format(value, '')}\n`;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Numbers, or lists of numbers, or lists of lists of numbers (coordinates): always on one line. */
function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (Array.isArray(value) && value.every(isNumeric));
}

function inline(value: unknown): string | undefined {
  if (isPrimitive(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const v of value) {
      if (!isPrimitive(v) && !(Array.isArray(v) && v.every(isPrimitive))) return undefined;
      parts.push(Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
    }
    return `[${parts.join(', ')}]`;
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const text = Array.isArray(v) ? inline(v) : isPrimitive(v) ? JSON.stringify(v) : undefined;
    if (text === undefined) return undefined;
    parts.push(`${JSON.stringify(k)}: ${text}`);
  }
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

function format(value: unknown, indent: string): string {
  const one = inline(value);
  if (one !== undefined && (isPrimitive(value) || isNumeric(value) || one.length + indent.length <= INLINE_MAX_CHARS)) return one;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
}
