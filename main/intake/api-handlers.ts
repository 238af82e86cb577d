/** The contract's syslog calls, over the SyslogIntake: a sentence the user can act on is invalid input. */
import type { CallName } from '../../common/contract.ts';
import type { Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { toApiError } from '../api/store-errors.ts';
import { SyslogIntakeError, type SyslogIntake } from './syslog-intake.ts';

export const SYSLOG_CALLS = ['syslog.start', 'syslog.stop', 'syslog.status'] as const satisfies readonly CallName[];

export type SyslogHandlers = Pick<Handlers, (typeof SYSLOG_CALLS)[number]>;

const guard = <T>(work: () => Promise<T>): Promise<T> =>
  work().catch((error: unknown) => Promise.reject(error instanceof SyslogIntakeError ? new ApiError('invalid_input', error.message) : toApiError(error)));

export function syslogHandlers(intake: SyslogIntake): SyslogHandlers {
  return {
    'syslog.start': (input) => guard(() => intake.start(input)),
    'syslog.stop': () => guard(() => intake.stop()),
    'syslog.status': () => guard(async () => intake.status()),
  };
}
