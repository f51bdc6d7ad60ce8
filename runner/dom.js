// @ts-check
// The one element a page's script needs, found and checked: a missing element or one of the
// wrong kind fails loudly here instead of as `null` later.

/**
 * @template {Element} T
 * @param {string} selector
 * @param {{ new (): T; prototype: T }} type
 * @param {ParentNode} [root]
 * @returns {T}
 */
export function element(selector, type, root = document) {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error('the page has no ' + type.name + ' ' + selector);
  return found;
}
