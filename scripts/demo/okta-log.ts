/** Builds Okta System Log events (LogEvent objects, in the API's key order) for one tenant. */
import type { OktaActor, OktaLogEvent, OktaTarget } from '../lib/okta-log-event.ts';
import type { Rng } from '../lib/prng.ts';
import { isoMs, type Agent, type App, type Network, type OktaTenant, type Person } from './world.ts';

export interface OktaSpec {
  eventType: string;
  displayMessage: string;
  actor: OktaActor;
  /** null for events Okta raises itself, which carry no client. */
  net: Network | null;
  agent: Agent | null;
  result: 'SUCCESS' | 'FAILURE' | 'ALLOW' | 'DENY' | 'CHALLENGE';
  reason?: string | null;
  severity?: 'INFO' | 'WARN' | 'ERROR';
  targets?: OktaTarget[];
  debug?: Record<string, string>;
  legacy?: string | null;
  session?: string | null;
  /** Okta's risk engine flags the sign-in (new country, proxy). */
  threat?: boolean;
}

export interface TimedEvent {
  t: number;
  seq: number;
  body: Record<string, unknown>;
}

const BEHAVIORS_NORMAL = '{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, New State=NEGATIVE, New Country=NEGATIVE, Velocity=NEGATIVE, New City=NEGATIVE}';
const BEHAVIORS_THREAT = '{New Geo-Location=POSITIVE, New Device=POSITIVE, New IP=POSITIVE, New State=POSITIVE, New Country=POSITIVE, Velocity=POSITIVE, New City=POSITIVE}';

export const OKTA_SYSTEM: OktaActor = {
  id: '0oa1okt4sys7em0000x7',
  type: 'SystemPrincipal',
  alternateId: 'system@okta.com',
  displayName: 'Okta System',
  detailEntry: null,
};

export function actorOf(p: Person): OktaActor {
  return { id: p.id, type: 'User', alternateId: p.email, displayName: p.displayName, detailEntry: { role: p.role } };
}

export function userTarget(p: Person): OktaTarget {
  return { id: p.id, type: 'User', alternateId: p.email, displayName: p.displayName, detailEntry: null };
}

export function appTarget(app: App): OktaTarget {
  return { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label, detailEntry: { signOnModeType: 'SAML_2_0' } };
}

export class OktaLog {
  readonly events: TimedEvent[] = [];
  private seq = 0;
  private readonly rng: Rng;
  readonly tenant: OktaTenant;

  constructor(rng: Rng, tenant: OktaTenant) {
    this.rng = rng;
    this.tenant = tenant;
  }

  newSession(): string {
    return `102${this.rng.base62(22)}`;
  }

  emit(t: number, s: OktaSpec): void {
    const rng = this.rng;
    const requestId = `${rng.base62(20)}AAA${rng.base62(4)}`;
    const net = s.net;
    const place = net?.place ?? null;
    const debugData: Record<string, string> = { requestId, ...s.debug };
    if (s.eventType === 'user.session.start' || s.eventType.startsWith('user.authentication.')) {
      debugData.threatSuspected = String(s.threat === true);
      debugData.behaviors = s.threat === true ? BEHAVIORS_THREAT : BEHAVIORS_NORMAL;
      debugData.risk = s.threat === true ? '{level=HIGH, reasons=Anomalous Location, New Device}' : '{level=LOW}';
    }
    const body: OktaLogEvent = {
      actor: s.actor,
      client: {
        userAgent: s.agent === null ? null : { rawUserAgent: s.agent.raw, os: s.agent.os, browser: s.agent.browser },
        zone: net === null ? null : net.isProxy ? 'null' : 'Office',
        device: s.agent?.device ?? null,
        id: null,
        ipAddress: net?.ip ?? null,
        geographicalContext: place === null ? null : {
          city: place.city,
          state: place.state,
          country: place.country,
          postalCode: place.postalCode,
          geolocation: { lat: place.lat, lon: place.lon },
        },
      },
      device: null,
      authenticationContext: { authenticationStep: 0, externalSessionId: s.session ?? 'unknown' },
      displayMessage: s.displayMessage,
      eventType: s.eventType,
      outcome: { result: s.result, reason: s.reason ?? null },
      published: isoMs(t),
      securityContext: net === null
        ? { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null }
        : { asNumber: net.asNumber, asOrg: net.asOrg, isp: net.isp, domain: net.domain, isProxy: net.isProxy },
      severity: s.severity ?? (s.result === 'FAILURE' || s.result === 'DENY' ? 'WARN' : 'INFO'),
      debugContext: { debugData },
      legacyEventType: s.legacy ?? null,
      transaction: { type: net === null ? 'JOB' : 'WEB', id: requestId, detail: {} },
      uuid: rng.uuid(),
      version: '0',
      request: { ipChain: net === null ? [] : [{ ip: net.ip, version: net.ip.includes(':') ? 'V6' : 'V4', source: null }] },
      target: s.targets ?? null,
    };
    this.events.push({ t, seq: this.seq++, body });
  }
}
