// The bank's whole state, one object: accounts, sessions, the ledger and the configuration
// the unprefixed routes use. Decorated as `app.lab`.
import fp from 'fastify-plugin';
import { configuration, DEFAULT_CONFIGURATION_ID, findConfiguration, type LabConfiguration } from '../../../catalog/index.js';
import { Accounts } from '../../store/accounts.js';
import { Ledger } from '../../store/ledger.js';
import { Sessions } from '../../store/sessions.js';

export class LabState {
  readonly accounts = new Accounts();
  readonly sessions = new Sessions();
  readonly ledger = new Ledger();
  private activeId: string;

  constructor(private readonly initialConfigurationId: string) {
    this.activeId = initialConfigurationId;
  }

  get active(): LabConfiguration {
    return configuration(this.activeId);
  }

  activate(id: string): LabConfiguration {
    const found = configuration(id);
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

export default fp<{ initialConfiguration?: string }>(
  async (app, { initialConfiguration = DEFAULT_CONFIGURATION_ID }) => {
    if (!findConfiguration(initialConfiguration)) {
      throw new Error(`unknown configuration "${initialConfiguration}"`);
    }
    app.decorate('lab', new LabState(initialConfiguration));
  },
  { name: 'lab-state' },
);
