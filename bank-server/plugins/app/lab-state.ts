// The bank's whole state, one object: accounts, sessions, the ledger and the configuration
// the unprefixed routes use. Decorated as `app.lab`.
import fp from 'fastify-plugin';
import { configurations as catalogConfigurations, DEFAULT_CONFIGURATION_ID, type LabConfiguration } from '../../../catalog/index.js';
import { Accounts } from '../../store/accounts.js';
import { Ledger } from '../../store/ledger.js';
import { Sessions } from '../../store/sessions.js';

export class LabState {
  readonly accounts = new Accounts();
  readonly sessions = new Sessions();
  readonly ledger = new Ledger();
  private activeId: string;

  constructor(
    private readonly initialConfigurationId: string,
    /** The configurations this bank serves: the catalog's, or a user's own (`cors-lab check`). */
    readonly configurations: readonly LabConfiguration[] = catalogConfigurations,
  ) {
    this.activeId = initialConfigurationId;
  }

  /** The configuration `id` this bank serves, or undefined. */
  find(id: string): LabConfiguration | undefined {
    return this.configurations.find((c) => c.id === id);
  }

  get active(): LabConfiguration {
    return this.find(this.activeId)!;
  }

  activate(id: string): LabConfiguration {
    const found = this.find(id);
    if (!found) throw new Error(`unknown configuration ${id}`);
    this.activeId = id;
    return found;
  }

  /** Back to the seed: accounts, sessions, ledger and the starting configuration. */
  reset(): void {
    this.accounts.reset();
    this.sessions.clear();
    this.ledger.clear();
    this.activeId = this.initialConfigurationId;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    lab: LabState;
  }
}

export default fp<{ initialConfiguration?: string; configurations?: readonly LabConfiguration[] }>(
  async (
    app,
    {
      configurations = catalogConfigurations,
      initialConfiguration = configurations === catalogConfigurations ? DEFAULT_CONFIGURATION_ID : (configurations[0]?.id ?? ''),
    },
  ) => {
    const state = new LabState(initialConfiguration, configurations);
    if (!state.find(initialConfiguration)) {
      throw new Error(`unknown configuration "${initialConfiguration}"`);
    }
    app.decorate('lab', state);
  },
  { name: 'lab-state' },
);
