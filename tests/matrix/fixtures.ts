// Matrix fixtures on top of the lab's: the rule engine's bank oracle, and a victim per
// cookie policy, both kept for the whole worker.
import type { CookiePolicyId } from '../../catalog/index.js';
import { BankOracle } from '../../rules/bank-oracle.js';
import { logInAtBank, test as labTest } from '../fixtures.js';
import { Victim } from '../../engine/victim.js';
import { origins, runnerUrl } from '../../catalog/index.js';
import { notePhaseTimes } from '../../report/index.js';

export const test = labTest.extend<object, { oracle: BankOracle; victimFor: (policy: CookiePolicyId) => Promise<Victim> }>({
  oracle: [
    async ({}, use) => {
      const oracle = await BankOracle.open();
      await use(oracle);
      await oracle.close();
    },
    { scope: 'worker' },
  ],

  victimFor: [
    async ({ browserWithPolicy, bank, labBrowserName }, use, workerInfo) => {
      // A victim lives in its policy's browser: when the worker switches policy, that
      // browser closes, and the victim goes with it.
      const victims = new Map<CookiePolicyId, Promise<Victim>>();
      const run = Date.now().toString(36);
      await use(async (policy) => {
        for (const other of victims.keys()) if (other !== policy) victims.delete(other);
        const started = Date.now();
        const times = { browser: labBrowserName, cookiePolicy: policy, launch: 0, logIn: 0 };
        if (!victims.has(policy)) {
          const name = `v${run}-${labBrowserName.slice(0, 2)}-${policy === 'third-party-blocked' ? 'b' : 'a'}-w${workerInfo.workerIndex}`;
          victims.set(
            policy,
            browserWithPolicy(policy).then((context) => {
              times.launch = Date.now() - started;
              return Victim.create({
                context,
                name,
                pages: origins.map((o) => ({ id: o.id, url: runnerUrl(o), sandboxed: o.sandboxed })),
                createAccount: async (username, password) => void (await bank.createAccount(username, password)),
                // The log-in tab becomes the first attacker page: the cookies are all the matrix needs from it.
                logIn: (ctx, username, password) => logInAtBank(ctx, username, password),
              });
            }),
          );
        }
        const victim = await victims.get(policy)!;
        await victim.ensureFreshLogin();
        times.logIn = Date.now() - started - times.launch;
        notePhaseTimes(`${labBrowserName}.${policy}.setup.w${workerInfo.workerIndex}.${Date.now()}`, times);
        return victim;
      });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
