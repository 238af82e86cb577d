/**
 * Starts the tenant simulator from the command line and prints what to type into Connections:
 *   node --experimental-strip-types test/sim/tenants/cli.ts [--port N] [--events N] [--faults N]
 *        [--late N] [--seed TEXT]
 * --events: records per feed (default 2000); --faults N: a fault every N list requests (default
 * off); --late N: late records per feed, revealed 60 s after start (default 20). The newest
 * events are timed at start-up, so a first sync finds 30 days of history. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { SIM } from './credentials.ts';
import { ALL_FAULTS } from './faults.ts';
import { startTenantSim } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    events: { type: 'string', default: '2000' },
    faults: { type: 'string' },
    late: { type: 'string', default: '20' },
    seed: { type: 'string', default: 'trailkeeper-sim' },
  },
});

function count(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}, got "${value}".`);
    process.exit(2);
  }
  return n;
}

const every = values.faults === undefined ? null : count('faults', values.faults, 2);
const sim = await startTenantSim({
  port: count('port', values.port, 0),
  events: count('events', values.events, 1),
  late: count('late', values.late, 0),
  seed: values.seed,
  end: Math.floor(Date.now() / 60_000) * 60_000,
  faults: every === null ? null : { every, kinds: ALL_FAULTS },
});
setTimeout(() => sim.revealLate(), 60_000).unref();

const lines = [
  `Tenant simulator on ${sim.baseUrl}${every === null ? '' : ` (a fault every ${every} list requests)`}`,
  '',
  'Okta        base URL  ' + sim.urls.okta,
  '            API token ' + SIM.okta.apiToken,
  'GitHub      base URL  ' + sim.urls.github + `   organisation ${SIM.github.org} or enterprise ${SIM.github.enterprise}`,
  '            token     ' + SIM.github.ownerToken,
  'Entra       base URL  ' + sim.urls.graph + `   authority ${sim.urls.authority}`,
  `            tenant id ${SIM.entra.tenantId}   client id ${SIM.entra.clientId}`,
  '            secret    ' + SIM.entra.clientSecret,
  'Portal      base URL  ' + sim.urls.portal + '   tenant slug acme (or globex)',
  '            token     ' + SIM.portal.adminTokens.acme + `   (globex: ${SIM.portal.adminTokens.globex})`,
  'MSP         base URL  ' + sim.urls.msp,
  `            tokens    Admin ${SIM.msp.tokens.Admin}   Supervisor ${SIM.msp.tokens.Supervisor}   Analyst ${SIM.msp.tokens.Analyst}`,
  '',
  'Late events appear 60 s after start. Ctrl-C stops the simulator.',
];
console.log(lines.join('\n'));

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
