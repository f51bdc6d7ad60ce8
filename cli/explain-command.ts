// `cors-lab explain`: one cell of the lab's matrix drawn as a sequence between the attacking
// page, the browser and the bank (teaching/sequence.ts). This version draws the rules'
// prediction only, so `--predicted` is required: no browser runs, and a later version that
// observes the cell can make that the default without changing what this command line means.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { attack, attackOrigin, attacks, bankOrigin, configurations, cookiePolicies, cookiePolicy, cookieVariants, origins, siteOf } from '../catalog/index.js';
import type { AttackId, CookiePolicyId, OriginId } from '../catalog/index.js';
import { CHECK_BROWSERS, parseCheckArgs, setupFlagOptions, type CheckBrowser } from './check-input.js';
import type { Prediction } from '../rules/predict.js';
import { didYouMean, EXIT, fail, flagError, oneOf, outputFile, parsedOrReported, wantsHelp, type CommandOutput } from './command-core.js';
import { configurationOf } from './check-command.js';
import { deriveOrigins } from '../rules/derive-origins.js';
import { derivedPage } from '../engine/cell-pipeline.js';

export const explainUsage = `Usage: cors-lab explain --config <id> --origin <id> --attack <id> --browser <b> --policy <p> --predicted
       cors-lab explain --api <origin> --cors <file> [--trusted <origin>…] --origin <origin> --attack <id> --browser <b> --policy <p> --predicted

Draws one cell of the lab's matrix as a sequence: what the attacking page's script asks, what
the browser sends (the preflight, the request, each of the victim's five session cookies riding
along or staying home), what the bank answers and does, and what the browser hands the script.
Each step names the rule that decides it. Nothing is run in a browser.

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
  --predicted        draw the rules' prediction (this version draws nothing else)

Options:
  --cookie-age <s>   seconds since the victim logged in (default 0; Chromium lets a cookie
                     without SameSite ride a cross-site top-level POST for 120 s)
  --mermaid          print Mermaid sequenceDiagram source instead of text
  --svg <file>       also write the drawing as an SVG file, laid out by Mermaid in a
                     headless Chromium (else Firefox) found as check finds one
  -h, --help         show this help

Exit codes: 0 the sequence was drawn, 2 bad input, 3 the SVG could not be drawn (the text
was still printed).
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
  };
  const svg = outputFile('--svg', values.svg);
  if (svg !== undefined) input.svg = svg;
  const age = values['cookie-age'];
  if (age !== undefined) {
    if (!/^[0-9]{1,8}$/.test(age)) fail(`--cookie-age "${age}" is not a whole number of seconds`);
    input.cookieAgeSeconds = Number(age);
  }
  if (values.predicted !== true) {
    fail('--predicted is required: this version draws the rules’ prediction only; observing a cell in a browser is not built yet');
  }
  return input;
}

/** The first line: what the sequence below is, and that no browser ran. */
export function explainHeading(input: ExplainInput): string {
  const policy = cookiePolicy(input.policy).title.toLowerCase();
  return `cors-lab explain: the rules' prediction, no browser run — ${input.config} × ${input.origin} × ${input.attack} in ${input.browser}, ${policy}`;
}

export async function explainCommand(argv: string[], out: CommandOutput): Promise<number> {
  if (wantsHelp(argv)) {
    out.log(explainUsage);
    return EXIT.safe;
  }
  const input = await parsedOrReported('explain', () => parseExplainArgs(argv), out);
  if (input === null) return EXIT.badInput;
  const cell = input.setupArgs ? await setupCell(input, out) : await labCell(input);
  if (cell === null) return EXIT.badInput;
  const [{ sequenceOf }, { sequenceMermaid, sequenceText }] = await Promise.all([import('../teaching/sequence.js'), import('../teaching/sequence-render.js')]);
  const sequence = sequenceOf({
    attack: attack(input.attack),
    pageOrigin: cell.pageOrigin,
    bankOrigin: cell.bankOrigin,
    browser: input.browser,
    prediction: cell.prediction,
    // One login sets every session cookie variant (catalog/cookie-variants.ts).
    cookies: cookieVariants.map((v) => v.id),
  });
  const mermaid = sequenceMermaid(sequence);
  out.log(input.mermaid ? mermaid : `${cell.heading}\n\n${sequenceText(sequence)}`);
  return input.svg ? writeSvg(input.svg, mermaid, cell.heading, out) : EXIT.safe;
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

/** The cell to draw: the rules' prediction, the two origins of its lanes, and the heading that says what it is. */
interface PredictedCell {
  prediction: Prediction;
  pageOrigin: string;
  bankOrigin: string;
  heading: string;
}

/** A cell of the lab's matrix. The bank's answers come from its own code, in-process (rules/bank-oracle.ts): loaded only now. */
async function labCell(input: ExplainInput): Promise<PredictedCell> {
  const [{ BankOracle }, { predictCell }] = await Promise.all([import('../rules/bank-oracle.js'), import('../rules/predict.js')]);
  const oracle = await BankOracle.open();
  try {
    const origin = input.origin as OriginId;
    const key = { config: input.config, origin, attack: input.attack, browser: input.browser, cookiePolicy: input.policy };
    const prediction = await predictCell(key, oracle, input.cookieAgeSeconds);
    return { prediction, pageOrigin: attackOrigin(origin).origin, bankOrigin, heading: explainHeading(input) };
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
      heading: `${explainHeading({ ...input, config: `your options (${options})` })} against ${setup.api.origin}`,
    };
  } finally {
    await oracle.close();
  }
}
