// Site plans for the catalog's tests: a trainer's hosted plan written by hand, and random
// plans a trainer might write (fast-check).
import fc from 'fast-check';
import type { SitePlan } from '../../../catalog/index.js';

/** The hosted plan of a trainer who owns four registrable domains under .example, served over HTTPS on 443. */
export const hosted: SitePlan = {
  scheme: 'https',
  bank: 'bank-lab.example',
  attacker: 'attacker-lab.example',
  partner: 'partner-lab.example',
  lookalike: 'evilpartner-lab.example',
  public: 'public.attacker-lab.example',
};

// No double hyphen: an `xn--` label is Punycode, which a random one seldom is (a plan refuses it).
const label = fc.stringMatching(/^[a-z](-?[a-z0-9]{1,3}){0,2}$/);
// Public suffixes of every kind: ICANN (one and two labels), the private section, and the default plan's TLD.
const suffix = fc.constantFrom('example', 'test', 'co.uk', 'github.io', 'localhost');
const port = fc.integer({ min: 1, max: 65535 });

/** A registrable domain: one label under a public suffix. */
export const registrableDomain = fc.tuple(label, suffix).map(([l, s]) => `${l}.${s}`);

/** Plans a trainer might write: any registrable names, a lookalike that ends like the partner, any scheme, with or without ports. */
export const plans: fc.Arbitrary<SitePlan> = fc
  .record({
    scheme: fc.constantFrom('http' as const, 'https' as const),
    bank: registrableDomain,
    attacker: registrableDomain,
    partner: registrableDomain,
    lookalikeLabel: label,
    publicUnderAttacker: fc.boolean(),
    publicName: registrableDomain,
    ports: fc.option(fc.record({ bank: port, attacker: port, public: port }), { nil: undefined }),
  })
  .map(({ lookalikeLabel, publicUnderAttacker, publicName, ports, ...names }) => ({
    ...names,
    lookalike: `${lookalikeLabel}${names.partner}`,
    public: publicUnderAttacker ? `public.${names.attacker}` : publicName,
    ...(ports ? { ports } : {}),
  }));
