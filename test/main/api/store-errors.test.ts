import { describe, expect, it, vi } from 'vitest';
import { toApiError } from '../../../main/api/store-errors.ts';
import { CancelledError, StoreError } from '../../../main/store-host/store-host.ts';

describe('toApiError: each store error kind mapped once', () => {
  it('keeps the query sentence and its column for a syntax error', () => {
    const error = toApiError(new StoreError({ kind: 'query_syntax', name: 'QuerySyntaxError', message: 'Unknown field x.', column: 3 }));
    expect(error.toJSON()).toEqual({ code: 'query_syntax', message: 'Unknown field x.', field: 'view.query', column: 3 });
  });

  it("passes a workspace problem's sentence through, so the user learns what to do", () => {
    const message = 'The disk holding /w/workspace.trailkeeper is full: free some space, then import again.';
    expect(toApiError(new StoreError({ kind: 'workspace', name: 'WorkspaceError', message })).toJSON()).toEqual({ code: 'workspace', message });
    const closed = toApiError(new StoreError({ kind: 'closed', name: 'StoreClosed', message: 'The workspace is closed.' }));
    expect(closed.code).toBe('workspace');
  });

  it('says cancelled for a cancel, and hides anything else behind one logged sentence', () => {
    expect(toApiError(new CancelledError()).code).toBe('cancelled');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const hidden = toApiError(new StoreError({ kind: 'internal', name: 'SqliteError', message: 'SQLITE_CORRUPT at /secret/path' }));
    expect(hidden.code).toBe('internal');
    expect(hidden.message).not.toContain('/secret/path');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
