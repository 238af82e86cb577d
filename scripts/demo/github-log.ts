/** Builds GitHub organisation audit log entries (REST API shape: flat, keys in alphabetical order). */
import type { TimedEvent } from './okta-log.ts';
import type { Rng } from '../lib/prng.ts';
import type { Agent, Network, Person } from './world.ts';

export interface GhMember {
  person: Person;
  login: string;
  id: number;
  /** Organisation role. GitHub's audit log has no such field; the demo adds `actor_role`. */
  role: 'owner' | 'member';
  joinedAt: number;
  leftAt: number;
}

export interface GhOrg {
  name: string;
  id: number;
  business: string;
  businessId: number;
  repos: { name: string; id: number }[];
  members: GhMember[];
}

const OPERATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/^git\.(clone|fetch)|download_zip|audit_log_export/, 'access'],
  [/sso_response|login/, 'authentication'],
  [/(create|add|invite|granted|install|request_created)/, 'create'],
  [/(destroy|remove|revoked|uninstall|cancel)/, 'remove'],
  [/transfer/, 'transfer'],
];

function operationOf(action: string): string {
  for (const [re, op] of OPERATION) if (re.test(action)) return op;
  return 'modify';
}

export class GithubLog {
  readonly events: TimedEvent[] = [];
  private seq = 0;
  private readonly rng: Rng;
  readonly org: GhOrg;

  constructor(rng: Rng, org: GhOrg) {
    this.rng = rng;
    this.org = org;
  }

  emit(t: number, actor: GhMember, action: string, fields: Record<string, unknown>, via: { net?: Network; agent?: Agent | string } = {}): void {
    const net = via.net ?? actor.person.network;
    const agent = via.agent ?? actor.person.agent;
    const body: Record<string, unknown> = {
      '@timestamp': t,
      _document_id: this.rng.base64url(22),
      action,
      actor: actor.login,
      actor_id: actor.id,
      actor_ip: net.ip,
      actor_location: { country_code: net.place.countryCode },
      actor_role: actor.role,
      business: this.org.business,
      business_id: this.org.businessId,
      created_at: t,
      external_identity_nameid: actor.person.email,
      external_identity_username: actor.person.email,
      operation_type: operationOf(action),
      org: this.org.name,
      org_id: this.org.id,
      user_agent: typeof agent === 'string' ? agent : agent.raw,
      ...fields,
    };
    if (!action.startsWith('git.')) body.request_id = `${this.rng.hex(4).toUpperCase()}:${this.rng.hex(5).toUpperCase()}:${this.rng.hex(7).toUpperCase()}:${this.rng.hex(7).toUpperCase()}:${this.rng.hex(8).toUpperCase()}`;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(body).sort()) sorted[key] = body[key];
    this.events.push({ t, seq: this.seq++, body: sorted });
  }
}
