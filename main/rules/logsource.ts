/**
 * Sigma `logsource` → the source kinds of Trailkeeper tenants it reads (tenants.source_kind,
 * else the connection's kind). A logsource naming something Trailkeeper never stores makes the
 * rule unsupported, with that said.
 */
import { UnsupportedRule } from './ast.ts';

const BY_PRODUCT: Record<string, { kinds: string[]; services?: Record<string, string[] | string> }> = {
  okta: { kinds: ['okta'], services: { okta: ['okta'] } },
  github: { kinds: ['github'], services: { audit: ['github'] } },
  aws: { kinds: ['cloudtrail'], services: { cloudtrail: ['cloudtrail'] } },
  m365: {
    kinds: ['m365'],
    services: { audit: ['m365'], exchange: ['m365'], threat_management: ['m365'], threat_detection: ['m365'] },
  },
  azure: {
    kinds: ['entra'],
    services: {
      auditlogs: ['entra'],
      signinlogs: ['entra'],
      activitylogs: 'Trailkeeper reads no Azure activity log (only Entra directory audits and sign-ins)',
      riskdetection: 'Trailkeeper reads no Entra risk detections (only directory audits and sign-ins)',
      pim: 'Trailkeeper reads no Entra PIM alerts (only directory audits and sign-ins)',
    },
  },
};

export interface Logsource {
  product?: string;
  service?: string;
  category?: string;
}

export function sourceKinds(ls: Logsource | undefined): string[] {
  if (!ls || typeof ls !== 'object') throw new UnsupportedRule('the rule has no logsource');
  const product = ls.product?.toLowerCase();
  const service = ls.service?.toLowerCase();
  if (!product) {
    if (service === 'okta') return ['okta'];
    throw new UnsupportedRule(`logsource ${JSON.stringify(ls)} names no product Trailkeeper reads`);
  }
  const entry = BY_PRODUCT[product];
  if (!entry) throw new UnsupportedRule(`logsource product ${product} is not a source Trailkeeper reads`);
  if (ls.category) throw new UnsupportedRule(`logsource category ${ls.category} has no meaning for audit logs`);
  if (!service) return entry.kinds;
  const kinds = entry.services?.[service];
  if (kinds === undefined) throw new UnsupportedRule(`logsource ${product}/${service} is not a source Trailkeeper reads`);
  if (typeof kinds === 'string') throw new UnsupportedRule(`logsource ${product}/${service}: ${kinds}`);
  return kinds;
}
