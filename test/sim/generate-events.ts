/**
 * A deterministic simulator of Okta System Log events for benches and tests: 50 tenants (an MSP's
 * customers) of 30–300 users each, ~160 event types with a Zipf-like skew, ~5 % failures,
 * addresses from a few hundred /24s (some IPv6) with a country and city each, a few dozen user
 * agents, and a raw JSON of ~600 bytes per event in the shape of the Okta System Log API, spread
 * over 180 days with a business-hours and weekday bias, a slow growth and a few burst days.
 *
 * The simulator writes raw Okta records only; the NormalizedEvents it yields come from the app's
 * own normaliser (normalizerFor('okta')), so the bench stores exactly what an import would, and
 * nothing here decides a category, an activity or an outcome. Each batch also says what the
 * simulator meant to make (events per event type and per outcome), which the mix test holds the
 * normaliser's output to.
 *
 * Everything comes from the repository's seeded PRNG (scripts/lib/prng.ts), never Math.random: the
 * same options give the same events, byte for byte. Events are yielded tenant by tenant (as an
 * initial sync pulls them), oldest first, in batches capped by a byte budget of raw text, so
 * 1,000,000 events never sit in memory at once. Each tenant has its own PRNG stream, so one tenant
 * can be generated alone.
 */
import type { NormalizedEvent, Outcome } from '../../main/domain/event.ts';
import { normalizerFor } from '../../main/ingest/sources/index.ts';
import type { OktaActor, OktaClient, OktaLogEvent, OktaTarget } from '../../scripts/lib/okta-log-event.ts';
import { Rng, Weighted, zipf } from '../../scripts/lib/prng.ts';
import { ACTIONS, type ActionDef } from './okta-actions.ts';
import { APPS, FACTORS, FAIL_REASONS, GROUPS, PLACES, POLICIES, USER_AGENTS } from './vocabulary.ts';
import { B62, buildWorld, DAY, hostIn, slug, type SimOptions, type SimTenant, type SimUser, type SimWorld } from './world.ts';

export { buildWorld, DEFAULT_END, type SimOptions, type SimTenant, type SimWorld } from './world.ts';

const HOUR = 3_600_000;
const normalizeOkta = normalizerFor('okta');

/** What the simulator meant a batch to hold: events per Okta event type and per outcome. */
export interface SimIntent {
  actions: Map<string, number>;
  outcomes: Map<Outcome, number>;
}

export interface SimBatch {
  tenant: SimTenant;
  /** The raw records as the app's Okta normaliser reads them. */
  events: NormalizedEvent[];
  /** UTF-8 bytes of the batch's raw text. */
  rawBytes: number;
  intended: SimIntent;
}

const newIntent = (): SimIntent => ({ actions: new Map(), outcomes: new Map() });

/** Relative activity by local hour: business hours, a lunch dip, quiet nights. */
const HOUR_WEIGHT = [
  0.04, 0.03, 0.03, 0.03, 0.04, 0.08, 0.2, 0.5, 0.95, 1, 1, 0.95, 0.75, 0.9, 1, 1, 0.9, 0.65, 0.4, 0.25, 0.2, 0.15, 0.1, 0.06,
];

const FAIL_SCALE = 0.55;
const ACTION_PICK = new Weighted(ACTIONS, zipf(ACTIONS.length, 1.05, 2));

/** Per-day weights for one tenant: weekdays, a slow growth, noise, a few incident bursts. */
function dayWeights(rng: Rng, world: SimWorld): number[] {
  const w: number[] = [];
  for (let d = 0; d < world.days; d++) {
    const weekday = new Date(world.start + d * DAY).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    w.push((weekend ? 0.3 : 1) * (0.8 + (0.4 * d) / world.days) * (0.85 + 0.3 * rng.next()));
  }
  for (let k = 0; k < 3; k++) {
    const d = rng.below(world.days);
    w[d] = (w[d] ?? 0) * (3 + 3 * rng.next());
  }
  return w;
}

const withSlug = (names: readonly string[], n: number) => names.map((x) => [x, slug(x).slice(0, n)] as const);
const APP_SLUGS = withSlug(APPS, 8);
const GROUP_SLUGS = withSlug(GROUPS, 10);
const POLICY_SLUGS = withSlug(POLICIES, 10);

function targetOf(rng: Rng, tenant: SimTenant, def: ActionDef, actor: SimUser | null): OktaTarget[] {
  const user = (u: SimUser): OktaTarget => ({ id: u.id, type: 'User', alternateId: u.email, displayName: u.name });
  switch (def.target) {
    case 'none':
      return [];
    case 'self':
      return [user(actor ?? rng.pick(tenant.users))];
    case 'user':
      return [user(rng.pick(tenant.users))];
    case 'app': {
      const app = APP_SLUGS[rng.below(APPS.length) % (8 + (tenant.index % 20))] ?? APP_SLUGS[0]!;
      return [{ id: `0oa${app[1]}${tenant.index}`, type: 'AppInstance', alternateId: app[0], displayName: app[0] }];
    }
    case 'group': {
      const g = rng.pick(GROUP_SLUGS);
      return [
        { id: `00g${g[1]}${tenant.index}`, type: 'UserGroup', alternateId: 'unknown', displayName: g[0] },
        user(rng.pick(tenant.users)),
      ];
    }
    case 'policy': {
      const p = rng.pick(POLICY_SLUGS);
      return [{ id: `00p${p[1]}${tenant.index}`, type: 'PolicyEntity', alternateId: 'unknown', displayName: p[0] }];
    }
    case 'factor': {
      const [name, kind] = rng.pick(FACTORS);
      return [{ id: `pfd${rng.fastChars(B62, 6)}`, type: 'AuthenticatorEnrollment', alternateId: kind, displayName: name }];
    }
    case 'token':
      return [{ id: `00T${rng.fastChars(B62, 6)}`, type: 'Token', alternateId: 'unknown', displayName: rng.pick(['CI deploy', 'Terraform', 'SIEM export', 'Backup job']) }];
    case 'device':
      return [{ id: `guo${rng.fastChars(B62, 6)}`, type: 'Device', alternateId: 'unknown', displayName: `${rng.pick(['MacBook-Pro', 'DESKTOP', 'iPhone', 'Pixel'])}-${rng.fastChars(B62.slice(0, 36), 4).toUpperCase()}` }];
    case 'zone':
      return [{ id: `nzo${rng.fastChars(B62, 6)}`, type: 'NetworkZone', alternateId: 'unknown', displayName: rng.pick(['Corporate VPN', 'BlockedIpZone', 'Office Networks']) }];
  }
}

/** One tenant's events, oldest first, in byte-budgeted batches. */
export function* generateTenant(world: SimWorld, tenant: SimTenant, batchBytes = 4 * 1024 * 1024): Generator<SimBatch> {
  const rng = new Rng(world.seed, 1000 + tenant.index);
  const userPick = new Weighted(tenant.users, zipf(tenant.users.length, 0.9, 2));
  const adminPick = new Weighted(tenant.admins, zipf(tenant.admins.length, 1, 1));
  const hourPick = new Weighted(
    Array.from({ length: 24 }, (_, h) => h),
    Array.from({ length: 24 }, (_, h) => HOUR_WEIGHT[Math.floor((((h + tenant.utcOffsetH) % 24) + 24) % 24)] ?? 0.1),
  );
  const weights = dayWeights(rng, world);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const officeTx = `${rng.pick(['WEB', 'JOB'])}`;
  const sessionOf = new Map<string, string>();

  let batch: NormalizedEvent[] = [];
  let intended = newIntent();
  let bytes = 0;
  let cum = 0;
  let emitted = 0;
  const times: number[] = [];
  for (let d = 0; d < world.days; d++) {
    cum += weights[d] ?? 0;
    const upTo = d === world.days - 1 ? tenant.eventCount : Math.round((tenant.eventCount * cum) / wsum);
    const n = upTo - emitted;
    emitted = upTo;
    const dayStart = world.start + d * DAY;
    times.length = 0;
    for (let i = 0; i < n; i++) times.push(dayStart + hourPick.pick(rng) * HOUR + rng.below(HOUR));
    times.sort((a, b) => a - b);

    for (const ts of times) {
      const def = ACTION_PICK.pick(rng);
      let actor: OktaActor;
      let actorUser: SimUser | null = null;
      let ip: string | null = null;
      let place: (typeof PLACES)[number] | null = null;
      let ua: (typeof USER_AGENTS)[number] | null = null;
      if (def.actor === 'user' || def.actor === 'admin') {
        actorUser = def.actor === 'admin' ? adminPick.pick(rng) : userPick.pick(rng);
        const r = rng.next();
        const net = r < 0.7 ? actorUser.net : r < 0.95 ? rng.pick(tenant.offices) : rng.pick(world.nets);
        ip = hostIn(rng, net);
        place = PLACES[net.place] ?? null;
        ua = USER_AGENTS[rng.chance(0.9) ? actorUser.ua : rng.below(USER_AGENTS.length)] ?? null;
        actor = { id: actorUser.id, type: 'User', alternateId: actorUser.email, displayName: actorUser.name };
        // Okta has no role field; okta.ts reads it from detailEntry, where the demo puts it too.
        if (actorUser.role !== null) actor.detailEntry = { role: actorUser.role };
      } else if (def.actor === 'app') {
        const client = rng.pick(tenant.clients);
        const net = world.nets[(tenant.index * 7 + client.id.length) % world.nets.length]!;
        ip = hostIn(rng, net);
        place = PLACES[net.place] ?? null;
        ua = USER_AGENTS[USER_AGENTS.length - 1 - rng.below(7)] ?? null;
        actor = { id: client.id, type: 'PublicClientApp', alternateId: client.id, displayName: client.name };
      } else {
        actor = { id: `0oa${tenant.index}system`, type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' };
      }

      // Always-failing types keep their rate; the others are scaled to ~5 % failures overall.
      const failed = rng.chance(def.fail < 1 ? def.fail * FAIL_SCALE : 1);
      const result = failed
        ? (def.action.startsWith('policy.') || def.action.startsWith('security.') ? 'DENY' : 'FAILURE')
        : def.action === 'policy.evaluate_sign_on' ? (rng.chance(0.15) ? 'CHALLENGE' : 'ALLOW') : rng.chance(0.01) ? 'SKIPPED' : 'SUCCESS';
      // CHALLENGE and SKIPPED say neither yes nor no: meant as an unknown outcome.
      const outcome: Outcome = failed ? 'failure' : result === 'SUCCESS' || result === 'ALLOW' ? 'success' : 'unknown';
      const severity = failed ? (def.action.startsWith('security.') ? 'ERROR' : 'WARN') : def.actor === 'system' && rng.chance(0.3) ? 'DEBUG' : 'INFO';
      const targets = targetOf(rng, tenant, def, actorUser);

      const uuid = rng.fastUuid();
      let session = actorUser ? sessionOf.get(actorUser.id) : undefined;
      if (actorUser && (session === undefined || def.action === 'user.session.start')) {
        session = `102${rng.fastChars(B62, 22)}`;
        sessionOf.set(actorUser.id, session);
      }
      const txId = rng.fastChars(B62, 27);
      const client: OktaClient | null = ip
        ? {
            userAgent: ua ? { rawUserAgent: ua[0] } : null,
            ipAddress: ip,
            geographicalContext: place ? { city: place[1], country: place[0] } : null,
          }
        : null;
      const record: OktaLogEvent = {
        uuid,
        published: new Date(ts).toISOString(),
        eventType: def.action,
        severity,
        ...(def.legacy ? { legacyEventType: def.legacy } : {}),
        displayMessage: def.message,
        actor,
        client,
        outcome: { result, reason: failed ? rng.pick(FAIL_REASONS) : null },
        target: targets,
        ...(session ? { authenticationContext: { externalSessionId: session } } : {}),
        transaction: { type: def.actor === 'system' ? 'JOB' : officeTx === 'JOB' && rng.chance(0.1) ? 'JOB' : 'WEB', id: txId },
      };
      const raw = JSON.stringify(record);
      // The record object is what JSON.parse(raw) would give (plain JSON values, no undefined), so
      // the parse is skipped; the mix test checks the two give the same event.
      batch.push(normalizeOkta(raw, record));
      intended.actions.set(def.action, (intended.actions.get(def.action) ?? 0) + 1);
      intended.outcomes.set(outcome, (intended.outcomes.get(outcome) ?? 0) + 1);
      bytes += Buffer.byteLength(raw);
      if (bytes >= batchBytes) {
        yield { tenant, events: batch, rawBytes: bytes, intended };
        batch = [];
        intended = newIntent();
        bytes = 0;
      }
    }
  }
  if (batch.length) yield { tenant, events: batch, rawBytes: bytes, intended };
}

/** Every tenant's events, tenant by tenant (as an initial sync pulls them), in byte-budgeted batches. */
export function* generateEvents(opts: SimOptions, world: SimWorld = buildWorld(opts)): Generator<SimBatch> {
  for (const tenant of world.tenants) yield* generateTenant(world, tenant, opts.batchBytes);
}
