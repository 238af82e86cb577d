/** The one error the renderer sees from any API call, whichever transport carried it. */
import type { ApiErrorShape } from '../../../common/contract.ts';

export type ApiErrorCode = ApiErrorShape['code'];

export class ApiClientError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly column: number | undefined;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiClientError';
    this.code = shape.code;
    this.field = shape.field;
    this.column = shape.column;
  }

  /** Anything thrown that is not already an ApiClientError becomes an `internal` one. */
  static from(error: unknown): ApiClientError {
    if (error instanceof ApiClientError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ApiClientError({ code: 'internal', message });
  }
}
