// Every path an app's router knows, for tests that sweep all of them. Fastify lists routes
// only as the text tree of `printRoutes()`: its radix tree, one node a line, each node's label
// the part of the path it adds to its parent's, a route's methods in parentheses after it
// (a node without them is only a shared prefix).
import type { FastifyInstance } from 'fastify';

const NODE = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/;

/**
 * One sample path per route, a `:param` or `*` filled in with `filler`. A plugin's
 * `options('*')` under a prefix is the route `<prefix>*`, so its sample is `<prefix>x`.
 */
export function routedPaths(app: FastifyInstance, filler = 'x'): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const node = NODE.exec(line);
    if (!node) continue;
    const [, indent = '', label = '', methods] = node;
    const depth = indent.length / 4;
    const part = label === '(empty root node)' ? '' : label.replace(/^:.*$/, filler).replace(/^\*$/, filler);
    prefixes[depth] = (prefixes[depth - 1] ?? '') + part;
    prefixes.length = depth + 1;
    if (methods) routes.push(prefixes[depth]!.replace(/^(?!\/)/, '/'));
  }
  if (routes.length === 0) throw new Error(`no routes read from printRoutes():\n${app.printRoutes()}`);
  return routes;
}
