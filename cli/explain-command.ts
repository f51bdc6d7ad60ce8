// `cors-lab explain`: one cell drawn as a sequence between the attacking page, the browser and
// the bank (teaching/sequence.ts). By default the cell runs in the browser named, through
// check's engine (the bank, built from the lab's configuration or the user's options, at its
// origin in the origin world; the one page; the one attack), and the picture shows what was
// observed, with the rules' prediction beside it. `--predicted` draws the prediction alone,
// with no browser.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  attack,
  attackOrigin,
  attacks,
  bankOrigin,
  configuration,
  configurations,
  cookiePolicies,
  cookiePolicy,
  cookieVariants,
  origins,
  runnerUrl,
  siteOf,
} from '../catalog/index.js';
import type { AttackId, CookiePolicyId, LabConfiguration, OriginId } from '../catalog/index.js';
import { CHECK_BROWSERS, parseCheckArgs, setupFlagOptions, type CheckBrowser } from './check-input.js';
import type { Prediction } from '../rules/predict.js';
import { didYouMean, EXIT, fail, flagError, oneOf, outputFile, parsedOrReported, wantsHelp, withStatus, type CommandOutput } from './command-core.js';
import { configurationOf } from './check-command.js';
import { deriveOrigins, relationOfLabOrigin, type DerivedOrigin } from '../rules/derive-origins.js';
import { labPage } from '../rules/relation.js';
import { derivedPage, type PipelinePage } from '../engine/cell-pipeline.js';
import type { CheckCell } from '../engine/check-run.js';
import type { Sequence } from '../teaching/sequence.js';

export const explainUsage = `Usage: cors-lab explain --config <id> --origin <id> --attack <id> --browser <b> --policy <p> --predicted
       cors-lab explain --api <origin> --cors <file> [--trusted <origin>…] --origin <origin> --attack <id> --browser <b> --policy <p> --predicted

Draws one cell of the lab's matrix as a sequence: what the attacking page's script asks, what
the browser sends (the preflight, the request, each of the victim's five session cookies riding
along or staying home), what the bank answers and does, and what the browser hands the script.
Each step names the rule that decides it. The cell runs in the browser named, and the
sequence shows what was observed (the bank's record, the script's view), with the rules'
prediction beside it: where they differ, both are shown. With --predicted, no browser runs.

Required:
  --config <id>      a bank configuration: ${configurations.map((c) => c.id).join(', ')}
  --origin <id>      the attacking page: ${origins.map((o) => o.id).join(', ')}
    or, for your own setup as \`cors-lab check\` runs it (its --api, --cors, --trusted,
    --session-cookie, --defense, --accepts and --dangerously-… flags):
  --origin <origin>  one of the attacking origins check derives from your names, as its
                     report names them, e.g. https://evil.test or null@https://evil.test
  --attack <id>      ${attacks.map((a) => a.id).join(', ')}
  --browser <b>      ${CHECK_BROWSERS.join(' | ')}
  --policy <p>       ${cookiePolicies.map((p) => p.id).join(' | ')}

Options:
  --predicted        draw the rules' prediction alone, with no browser
  --cookie-age <s>   with --predicted: seconds since the victim logged in (default 0;
                     Chromium lets a cookie without SameSite ride a cross-site top-level POST
                     for 120 s). Observed, the victim has just logged in.
  --mermaid          print Mermaid sequenceDiagram source instead of text
  --svg <file>       also write the drawing as an SVG file, laid out by Mermaid in a
                     headless Chromium (else Firefox) found as check finds one
  -h, --help         show this help

Exit codes: 0 the sequence was drawn, 2 bad input, 3 the browser could not run the cell, or
the SVG could not be drawn (the text was still printed).
`;

const flagOptions = {
  config: { type: 'string' },
  origin: { type: 'string' },
  attack: { type: 'string' },
  browser: { type: 'string' },
  policy: { type: 'string' },
  predicted: { type: 'boolean' },
  'cookie-age': { type: 'string' },
  mermaid: { type: 'boolean' },
  svg: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // A `check` setup instead of --config: these flags go to check's own parser, unchanged.
  ...setupFlagOptions,
} as const;

/** Whether the arguments name a `check` setup (its --api/--cors) rather than a lab --config. */
const namesCheckSetup = (values: Record<string, unknown>) => values.api !== undefined || values.cors !== undefined;

export interface ExplainInput {
  /** A lab configuration's id, or `yours` for a check setup. */
  config: string;
  /** A lab origin's id, or the id of an origin derived from a check setup. */
  origin: string;
  /** A check setup's own arguments, for check's parser, when one was named instead of --config. */
  setupArgs?: string[];
  attack: AttackId;
  browser: CheckBrowser;
  policy: CookiePolicyId;
  cookieAgeSeconds: number;
  mermaid: boolean;
  /** Draw the rules' prediction alone, with no browser. */
  predicted: boolean;
  /** Where to write the drawing as SVG. */
  svg?: string;
}

/** One required flag's value, as given. */
function requiredText(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string') fail(`missing --${name}: one of the attacking origins check derives, e.g. https://evil.test`);
  return value;
}

/** The setup's flags as they were given, for check's own parser. */
function setupArguments(tokens: readonly { kind: string; name?: string; rawName?: string; value?: string | undefined }[]): string[] {
  const setup = new Set(Object.keys(setupFlagOptions));
  return tokens.flatMap((t) => (t.kind === 'option' && setup.has(t.name!) ? [`--${t.name}`, ...(t.value === undefined ? [] : [t.value])] : []));
}

/** One required flag's value, which must be one of `allowed` (a typo gets a guess). */
function required<T extends string>(values: Record<string, unknown>, name: string, allowed: readonly T[]): T {
  const value = values[name];
  if (typeof value !== 'string') fail(`missing --${name}: one of ${allowed.join(', ')}`);
  return oneOf(`--${name}`, [value], allowed)[0]!;
}

export function parseExplainArgs(argv: string[]): ExplainInput {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flagOptions; strict: true; allowPositionals: false; tokens: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: flagOptions, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw flagError(error, 'explain', Object.keys(flagOptions));
  }
  const { values, tokens } = parsed;
  for (const [name, option] of Object.entries(flagOptions)) {
    if ('multiple' in option) continue;
    if (tokens.filter((t) => t.kind === 'option' && t.name === name).length > 1) fail(`--${name} is given more than once`);
  }
  const setupArgs = namesCheckSetup(values) ? setupArguments(tokens) : undefined;
  if (setupArgs && values.config !== undefined) fail('give --config (a lab configuration) or --api and --cors (your setup), not both');
  const input: ExplainInput = {
    ...(setupArgs
      ? { config: 'yours', setupArgs }
      : {
          config: required(
            values,
            'config',
            configurations.map((c) => c.id),
          ),
        }),
    // A derived origin is known once the setup's names are read: the command checks it then.
    origin: setupArgs
      ? requiredText(values, 'origin')
      : required(
          values,
          'origin',
          origins.map((o) => o.id),
        ),
    attack: required(
      values,
      'attack',
      attacks.map((a) => a.id),
    ),
    browser: required(values, 'browser', CHECK_BROWSERS),
    policy: required(
      values,
      'policy',
      cookiePolicies.map((p) => p.id),
    ),
    cookieAgeSeconds: 0,
    mermaid: values.mermaid === true,
    predicted: values.predicted === true,
  };
  const svg = outputFile('--svg', values.svg);
  if (svg !== undefined) input.svg = svg;
  const age = values['cookie-age'];
  if (age !== undefined) {
    if (!/^[0-9]{1,8}$/.test(age)) fail(`--cookie-age "${age}" is not a whole number of seconds`);
    if (!input.predicted) fail('--cookie-age goes with --predicted: observed, the victim has just logged in');
    input.cookieAgeSeconds = Number(age);
  }
  return input;
}

/** The first line: what the sequence below is: observed in which browser, or the rules' prediction with no browser run. */
export function explainHeading(input: ExplainInput, observedIn?: string): string {
  const policy = cookiePolicy(input.policy).title.toLowerCase();
  const what = observedIn ? `observed in ${observedIn}, beside the rules' prediction` : "the rules' prediction, no browser run";
  return `cors-lab explain: ${what} — ${input.config} × ${input.origin} × ${input.attack} in ${input.browser}, ${policy}`;
}

export async function explainCommand(argv: string[], out: CommandOutput): Promise<number> {
  if (wantsHelp(argv)) {
    out.log(explainUsage);
    return EXIT.safe;
  }
  const input = await parsedOrReported('explain', () => parseExplainArgs(argv), out);
  if (input === null) return EXIT.badInput;
  let explained: ExplainedCell | null;
  try {
    explained = await explainCell(input, out);
  } catch (error) {
    out.error(`cors-lab explain: the cell could not be observed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return EXIT.noVerdict;
  }
  if (explained === null) return EXIT.badInput;
  const { sequenceMermaid, sequenceText } = await import('../teaching/sequence-render.js');
  const mermaid = sequenceMermaid(explained.sequence);
  out.log(input.mermaid ? mermaid : [...explained.heading, '', sequenceText(explained.sequence)].join('\n'));
  return input.svg ? writeSvg(input.svg, mermaid, explained.heading[0]!, out) : EXIT.safe;
}

/** The drawing as an SVG file; a machine with no browser to lay it out gets one line and exit 3. */
async function writeSvg(file: string, mermaid: string, heading: string, out: CommandOutput): Promise<number> {
  const { drawingBrowser, renderSequencesToSvg } = await import('../teaching/sequence-svg.js');
  const browser = drawingBrowser();
  if (browser === null) {
    out.error('cors-lab explain: no SVG written: neither Chromium nor Firefox can run here to lay the drawing out (cors-lab doctor says why)');
    return EXIT.noVerdict;
  }
  try {
    const [svg] = await renderSequencesToSvg([mermaid], browser, { labels: [heading] });
    writeFileSync(file, `${svg}\n`);
  } catch (error) {
    out.error(`cors-lab explain: no SVG written: ${browser.name} could not draw it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return EXIT.noVerdict;
  }
  out.error(`cors-lab explain: wrote ${file}`);
  return EXIT.safe;
}

/** A cell, drawn: its heading lines, its sequence, and what the browser did when it was observed. */
export interface ExplainedCell {
  heading: string[];
  sequence: Sequence;
  observed?: ObservedCell;
}

/**
 * The sequence of the cell `input` names: observed in its browser, or with `predicted` the rules'
 * alone. Null once bad input is reported; throws when the browser could not run the cell.
 */
export async function explainCell(input: ExplainInput, out: CommandOutput): Promise<ExplainedCell | null> {
  const cell = input.setupArgs ? await setupCell(input, out) : await labCell(input);
  if (cell === null) return null;
  const observed = input.predicted ? undefined : await withStatus(out, `${input.browser} running the cell`, observeCell(input, cell));
  const { sequenceOf } = await import('../teaching/sequence.js');
  const sequence = sequenceOf({
    attack: attack(input.attack),
    pageOrigin: cell.pageOrigin,
    bankOrigin: cell.bankOrigin,
    browser: input.browser,
    prediction: cell.prediction,
    ...(observed && { observed: { bank: observed.cell.bankSaw, script: observed.cell.scriptSaw } }),
    // One login sets every session cookie variant (catalog/cookie-variants.ts).
    cookies: cookieVariants.map((v) => v.id),
  });
  const differs = observed && !observed.cell.agree ? [disagreementLine(observed.cell)] : [];
  return { heading: [cell.heading(observed?.browser), ...differs], sequence, ...(observed && { observed }) };
}

/** One line saying where the browser did not do what the rules predict (the sequence marks each such step "differs"). */
function disagreementLine(cell: CheckCell): string {
  const fields = [...cell.differingFields, ...(cell.sentRequestMismatches.length > 0 ? ['the request sent'] : [])];
  return `The browser did not do what the rules predict here: ${fields.join(', ')} (marked "differs" below).`;
}

export interface ObservedCell {
  cell: CheckCell;
  /** The browser's name and version, as it reported them. */
  browser: string;
}

/**
 * Runs the one cell in the browser named, with check's engine: the bank (the lab's configuration,
 * or the user's options) at its own origin in the origin world, a victim logged in, the one page
 * firing the one attack. The victim logs in seconds before the attack, inside the 120 s in which
 * Chromium treats a fresh cookie as it does at cookie age 0, so the prediction made at age 0 is
 * the one the run judges against.
 */
async function observeCell(input: ExplainInput, cell: PredictedCell): Promise<ObservedCell> {
  const { runCheck } = await import('../engine/check-run.js');
  const { api, config, origin, page } = cell.observe;
  const run = await runCheck({
    api,
    configs: [config],
    origins: [origin],
    pages: [page],
    browsers: [input.browser],
    policies: [input.policy],
    attacks: [input.attack],
  });
  const observed = run.cells[0];
  if (run.cells.length !== 1 || !observed) throw new Error(`expected one cell, the run gave ${run.cells.length}`);
  const { name, version } = run.browsers[0]!;
  // Chromium reports its user-agent string; its product token holds the version.
  const product = /(?:Chrome|Firefox)\/([0-9.]+)/.exec(version)?.[1];
  return { cell: observed, browser: `${name} ${product ?? version}` };
}

/** The cell to draw: the rules' prediction, the two origins of its lanes, and the heading that says what it is. */
interface PredictedCell {
  prediction: Prediction;
  pageOrigin: string;
  bankOrigin: string;
  /** The first line: what the cell is, observed in which browser, or predicted. */
  heading(observedIn?: string): string;
  /** What running the cell needs: the bank's configuration at its origin, the attacking origin and its page. */
  observe: { api: URL; config: LabConfiguration; origin: DerivedOrigin; page: PipelinePage };
}

/** A cell of the lab's matrix. The bank's answers come from its own code, in-process (rules/bank-oracle.ts): loaded only now. */
async function labCell(input: ExplainInput): Promise<PredictedCell> {
  const [{ BankOracle }, { predictCell }] = await Promise.all([import('../rules/bank-oracle.js'), import('../rules/predict.js')]);
  const oracle = await BankOracle.open();
  try {
    const origin = input.origin as OriginId;
    const key = { config: input.config, origin, attack: input.attack, browser: input.browser, cookiePolicy: input.policy };
    const prediction = await predictCell(key, oracle, input.cookieAgeSeconds);
    const page = attackOrigin(origin);
    const labOrigin: DerivedOrigin = {
      id: page.id,
      relation: relationOfLabOrigin[page.id],
      origin: page.origin,
      pageOrigin: new URL(runnerUrl(page)).origin,
      sandboxed: page.sandboxed,
      imitates: null,
      whatGoesWrong: page.whatGoesWrong,
      site: page.site,
    };
    return {
      prediction,
      pageOrigin: page.origin,
      bankOrigin,
      heading: (observedIn) => explainHeading(input, observedIn),
      // The page exactly as the matrix opens it (tests/matrix/matrix.spec.ts), the bank at the lab's own origin.
      observe: { api: new URL(bankOrigin), config: configuration(input.config), origin: labOrigin, page: { id: '0', url: runnerUrl(page), ...labPage(page) } },
    };
  } finally {
    await oracle.close();
  }
}

/**
 * A cell of the user's own setup, as `cors-lab check` would run it: their options as the bank at
 * their API's origin (check's own configuration of it), the attacking page one of the origins
 * check derives from their names. Null once bad input is reported.
 */
async function setupCell(input: ExplainInput, out: CommandOutput): Promise<PredictedCell | null> {
  const parsed = await parsedOrReported(
    'explain',
    async () => {
      const setup = await parseCheckArgs([...input.setupArgs!, '--browser', input.browser]);
      const { origins: derived } = deriveOrigins(setup.api, setup.trusted);
      const origin = derived.find((o) => o.id === input.origin);
      if (!origin)
        fail(
          `--origin "${input.origin}" is not an origin check derives here${didYouMean(
            input.origin,
            derived.map((o) => o.id),
          )}; they are: ${derived.map((o) => o.id).join(', ')}`,
        );
      if (attack(input.attack).request.mode === 'websocket')
        fail(`--attack ${input.attack}: your app has no WebSocket here, so check doesn't run the WebSocket attacks`);
      return { setup, origin };
    },
    out,
  );
  if (parsed === null) return null;
  const { setup, origin } = parsed;
  const [{ BankOracle }, { predict }] = await Promise.all([import('../rules/bank-oracle.js'), import('../rules/predict.js')]);
  const config = configurationOf(setup);
  const oracle = await BankOracle.open({ rootConfiguration: config, host: setup.api.host });
  try {
    const bank = { origin: setup.api.origin, site: siteOf(setup.api.hostname) };
    const prediction = await predict(
      { browser: input.browser, cookiePolicy: input.policy, config, page: derivedPage(origin, '0'), attack: attack(input.attack), bank },
      oracle,
      input.cookieAgeSeconds,
    );
    const options = relative(process.cwd(), setup.corsFile) || setup.corsFile;
    return {
      prediction,
      pageOrigin: origin.origin,
      bankOrigin: setup.api.origin,
      heading: (observedIn) => `${explainHeading({ ...input, config: `your options (${options})` }, observedIn)} against ${setup.api.origin}`,
      observe: { api: setup.api, config, origin, page: derivedPage(origin, '0') },
    };
  } finally {
    await oracle.close();
  }
}
