// @ts-check
// The learner's path prefix of the page this runs in, `/l/<key>` (catalog/learners.ts), or ''
// outside a class. A learner's pages put it before every path they ask of either server, so
// each request reaches that learner's bank, with or without a cookie.
import { catalog } from './runner.js';

const prefixed = new RegExp(`^/${catalog.learners.segment}/(${catalog.learners.keyPattern})(?=/|$)`);

/** This page's learner prefix: '' on the lab's own pages. */
export const learnerPrefix = prefixed.exec(location.pathname)?.[0] ?? '';
