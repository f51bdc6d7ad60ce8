// The running lab's site plan: LAB_SITE_PLAN, a JSON object (catalog/site-plan.ts), or the
// default `*.localhost` plan when it is unset or empty.
//
// The one setting read at import time, and from the process environment only (no .env): the
// catalog is a constant every part of the lab imports — both servers, the rules, the engine,
// the tests — and all of them must name the same origins. Each process reads the same variable,
// which `npm start`, Playwright's webServer and Compose hand down unchanged. JSON rather than a
// file path: a few short names, no file to mount into a container or to resolve against
// whichever directory a process runs in.
//
// A plan that is not one, or breaks a relation (catalog/check-site-plan.ts), stops whatever
// process imports the catalog, before anything listens: one line on stderr, exit code 2.
import { checkSitePlan } from './check-site-plan.js';
import { defaultSitePlan, type SitePlan } from './site-plan.js';

export const SITE_PLAN_SETTING = 'LAB_SITE_PLAN';

/** The exit code of a process refused its input, as the CLI's. */
const REFUSED_EXIT_CODE = 2;

/** What LAB_SITE_PLAN's text gives: its plan, or the one line that refuses it. */
export function readSitePlan(text: string | undefined): { plan: SitePlan } | { refused: string } {
  if (!text) return { plan: defaultSitePlan };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { refused: `site plan refused: ${SITE_PLAN_SETTING} is not JSON` };
  }
  const refused = checkSitePlan(value);
  return refused === null ? { plan: value as SitePlan } : { refused };
}

function activePlan(): SitePlan {
  const read = readSitePlan(process.env[SITE_PLAN_SETTING]);
  if ('plan' in read) return read.plan;
  console.error(`[cors-lab] ${read.refused}`);
  process.exit(REFUSED_EXIT_CODE);
}

export const activeSitePlan: SitePlan = activePlan();
