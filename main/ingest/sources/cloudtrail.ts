/**
 * AWS CloudTrail records (an element of `Records`, or one record per line as shippers write them).
 * Source id: `eventID`. Time: `eventTime`; records forwarded by Logstash/Elastic that lost it fall
 * back to `@timestamp`. Outcome: failure when `errorCode` is set (or a console login reports
 * Failure), success otherwise. `action` is the bare `eventName`; the service is in the message.
 */
import { normalizedEvent, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { activityFromWords, classifier, wordsOf, type ClassRule, type EventClass } from './classify.ts';
import { asObject, at, cleanIp, emailOrNull, excerpt, requireObject, text, textAt, type JsonObject } from './fields.ts';
import { parseIsoMs } from './time.ts';

/** eventName (optionally "service:eventName") → category/activity; unlisted names use the service. */
const RULES: readonly ClassRule[] = [
  ['signin:ConsoleLogin', 'auth', 'login'],
  ['signin:CheckMfa', 'auth', 'other'],
  ['signin:*', 'auth', 'other'],
  ['sts:AssumeRole*', 'auth', 'login'],
  ['sts:GetSessionToken', 'auth', 'login'],
  ['sts:GetFederationToken', 'auth', 'login'],
  ['sts:*', 'auth', null],
  ['sso:*', 'access', null],
  ['iam:CreateUser', 'user', 'create'],
  ['iam:DeleteUser', 'user', 'delete'],
  ['iam:UpdateUser', 'user', 'update'],
  ['iam:CreateLoginProfile', 'user', 'update'],
  ['iam:UpdateLoginProfile', 'user', 'update'],
  ['iam:DeleteLoginProfile', 'user', 'update'],
  ['iam:*', 'access', null],
  ['organizations:*', 'access', null],
  ['identitystore:*', 'user', null],
  // Turning CloudTrail off is the audit trail disappearing.
  ['cloudtrail:StopLogging', 'audit', 'delete'],
  ['cloudtrail:StartLogging', 'audit', 'create'],
  ['cloudtrail:*', 'audit', null],
  ['config:*', 'compliance', null],
  ['guardduty:*', 'security', null],
  ['securityhub:*', 'security', null],
  ['inspector2:*', 'security', null],
  ['macie2:*', 'security', null],
  ['kms:*', 'security', null],
  ['secretsmanager:*', 'security', null],
  ['access-analyzer:*', 'security', null],
];

const classifyQualified = classifier(
  RULES,
  (name) => ({ category: 'infrastructure', activity: activityFromWords(wordsOf(name.slice(name.indexOf(':') + 1))) }),
  (name) => wordsOf(name.slice(name.indexOf(':') + 1)),
);

function classify(eventSource: string | null, eventName: string): EventClass {
  const service = eventSource === null ? 'unknown' : eventSource.replace(/\.amazonaws\.com$/, '');
  return classifyQualified(`${service}:${eventName}`);
}

/** requestParameters keys that name the resource acted on, most specific first. */
const TARGET_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['userName', 'user'], ['roleName', 'role'], ['groupName', 'group'], ['policyArn', 'policy'],
  ['bucketName', 'bucket'], ['instanceId', 'instance'], ['keyId', 'key'], ['functionName', 'function'],
  ['name', 'resource'], ['trailName', 'trail'], ['roleArn', 'role'], ['accessKeyId', 'access-key'],
];

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'an AWS CloudTrail record', raw);
  const id = text(e.eventID);
  if (id === null) throw new Error(`CloudTrail record has no eventID: ${excerpt(raw)}`);
  const tsRaw = text(e.eventTime) ?? text(e['@timestamp']);
  if (tsRaw === null) throw new Error(`CloudTrail record ${id} has no eventTime.`);
  const ts = parseIsoMs(tsRaw);
  if (ts === null) throw new Error(`CloudTrail record ${id} has an unreadable eventTime "${tsRaw}".`);
  const eventName = text(e.eventName);
  if (eventName === null) throw new Error(`CloudTrail record ${id} has no eventName.`);

  const eventSource = text(e.eventSource);
  const { category, activity } = classify(eventSource, eventName);
  const identity = asObject(e.userIdentity);
  const errorCode = text(e.errorCode);
  const errorMessage = text(e.errorMessage);
  const consoleResult = textAt(e, 'responseElements', 'ConsoleLogin');
  const outcome: Outcome = errorCode !== null || errorMessage !== null || consoleResult === 'Failure' ? 'failure' : 'success';
  const target = targetOf(e);
  const actorName = actorNameOf(identity);
  const region = text(e.awsRegion);
  const account = text(e.recipientAccountId);
  const where = [region, account === null ? null : `account ${account}`].filter((x) => x !== null).join(', ');

  return normalizedEvent({
    sourceId: id,
    ts,
    tsRaw,
    category,
    action: eventName,
    activity,
    outcome,
    actorType: textAt(identity, 'type'),
    actorId: textAt(identity, 'arn') ?? textAt(identity, 'principalId'),
    actorName,
    actorEmail: emailOrNull(actorName),
    actorRole: textAt(identity, 'type') === 'AssumedRole'
      ? textAt(identity, 'sessionContext', 'sessionIssuer', 'userName')
      : textAt(identity, 'type') === 'Root' ? 'root' : null,
    targetType: target?.[0] ?? null,
    targetId: target?.[1] ?? null,
    targetName: target?.[2] ?? null,
    // sourceIPAddress holds a service name ("ec2.amazonaws.com") when AWS acted for the caller.
    ip: cleanIp(text(e.sourceIPAddress)),
    userAgent: text(e.userAgent),
    message: [
      `${eventSource ?? 'unknown service'} ${eventName}`,
      where === '' ? '' : ` in ${where}`,
      outcome === 'failure' ? ` failed: ${[errorCode, errorMessage].filter((x) => x !== null).join(': ') || consoleResult}` : '',
    ].join(''),
    raw,
  });
}

function actorNameOf(identity: JsonObject | null): string | null {
  if (identity === null) return null;
  const arn = textAt(identity, 'arn');
  return textAt(identity, 'userName')
    ?? textAt(identity, 'sessionContext', 'sessionIssuer', 'userName')
    ?? textAt(identity, 'invokedBy')
    ?? (arn === null ? null : arn.slice(arn.indexOf('/') + 1) || arn)
    ?? textAt(identity, 'principalId');
}

/** [type, id, name] of the resource: the record's `resources` list, else a known request parameter. */
function targetOf(e: JsonObject): [string, string | null, string] | null {
  const resources = Array.isArray(e.resources) ? e.resources : [];
  for (const r of resources) {
    const arn = textAt(r, 'ARN');
    // The name is the ARN's resource part: "bucket/key", "role/Name", "instance/i-…".
    if (arn !== null) return [textAt(r, 'type') ?? 'resource', arn, arn.split(':').slice(5).join(':') || arn];
  }
  const params = asObject(e.requestParameters);
  if (params === null) return null;
  for (const [key, type] of TARGET_KEYS) {
    const value = text(params[key]);
    if (value !== null) return [type, null, value];
  }
  const item = at(params, 'instancesSet', 'items');
  const instanceId = Array.isArray(item) ? textAt(item[0], 'instanceId') : null;
  return instanceId === null ? null : ['instance', null, instanceId];
}

export function looksLike(obj: unknown): boolean {
  return at(obj, 'eventID') !== undefined && at(obj, 'eventName') !== undefined
    && (at(obj, 'eventSource') !== undefined || at(obj, 'eventTime') !== undefined);
}
