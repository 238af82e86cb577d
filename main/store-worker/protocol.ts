/** Messages between the store host (main thread) and its SQLite worker threads. */

export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown;
}

/**
 * What a failure is, decided once where it is thrown (in the worker) and mapped once on the
 * other side (main/api/store-errors.ts): no matching on error names in several places.
 */
export type StoreErrorKind =
  | 'query_syntax' // the user's query text is wrong; `column` says where
  | 'workspace' // the workspace file cannot be used (not ours, corrupt, newer, no permission)
  | 'closed' // the store was closed or its writer stopped
  | 'internal';

export interface SerializedError {
  kind: StoreErrorKind;
  name: string;
  message: string;
  column?: number;
}

export type WorkerReply =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; error: SerializedError }
  | { id: number; kind: 'progress'; progress: unknown };

export interface WorkerInit {
  workspacePath: string;
  role: 'writer' | 'reader';
}

const KIND_BY_NAME: Record<string, StoreErrorKind> = {
  QuerySyntaxError: 'query_syntax',
  WorkspaceError: 'workspace',
};

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const column = (error as { column?: unknown }).column;
    return {
      kind: KIND_BY_NAME[error.name] ?? 'internal',
      name: error.name,
      message: error.message,
      ...(typeof column === 'number' ? { column } : {}),
    };
  }
  return { kind: 'internal', name: 'Error', message: String(error) };
}
