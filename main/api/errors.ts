/** The one error type handlers throw; both transports turn it into the same JSON shape. */
import type { ApiErrorShape } from '../../common/contract.ts';

export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly field: string | undefined;
  readonly column: number | undefined;

  constructor(code: ApiErrorShape['code'], message: string, extra: { field?: string; column?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = extra.field;
    this.column = extra.column;
  }

  toJSON(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.column === undefined ? {} : { column: this.column }),
    };
  }
}

/** HTTP status for each error code (browser mode). */
export const HTTP_STATUS: Record<ApiErrorShape['code'], number> = {
  invalid_input: 400,
  query_syntax: 400,
  not_found: 404,
  cancelled: 409,
  unauthorized: 401,
  workspace: 503,
  internal: 500,
};
