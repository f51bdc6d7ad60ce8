// Prints a configuration's @fastify/cors options as the TypeScript a developer wrote:
// regular expressions as literals, functions as their source.
import type { FastifyCorsOptions } from '@fastify/cors';

function print(value: unknown, indent: string): string {
  if (value instanceof RegExp) return value.toString();
  if (typeof value === 'function') return value.toString().replace(/\n\s*/g, ' ');
  if (Array.isArray(value)) return `[${value.map((v) => print(v, indent)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}  `;
    const fields = Object.entries(value).map(([k, v]) => `${inner}${k}: ${print(v, inner)},`);
    return `{\n${fields.join('\n')}\n${indent}}`;
  }
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export function corsOptionsSource(options: FastifyCorsOptions | null): string {
  if (options === null) return '// @fastify/cors is not registered: no CORS headers at all';
  return `app.register(fastifyCors, ${print(options, '')});`;
}
