/** Messages between the store host (main thread) and its SQLite worker threads. */

export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown;
}

export interface SerializedError {
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

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const column = (error as { column?: unknown }).column;
    return { name: error.name, message: error.message, ...(typeof column === 'number' ? { column } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
