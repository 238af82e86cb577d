/**
 * Ctrl/Cmd+K: jump to a tenant or a group by typing part of its name. ↑/↓ move, Enter switches
 * (query, range and order are kept), Space marks tenants to take several at once (Enter then
 * switches to all the marked ones), Esc closes.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { scopeMatches, type ScopeEntry } from '../format/scopeMatches.ts';
import { useAppStore } from '../state/store.ts';
import { useSyncStore } from '../state/syncSlice.ts';
import { onScopePaletteRequest } from './scopePaletteRequests.ts';

/** The palette's one command beside the scopes: the Tenants screen (retention, legal hold, groups, integrity). */
const TENANTS_ACTION = 'Manage tenants: retention, legal hold, groups, integrity…';
const showsTenantsAction = (text: string) => {
  const typed = text.trim().toLowerCase();
  return typed === '' || TENANTS_ACTION.toLowerCase().includes(typed);
};

export function ScopePalette() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [marked, setMarked] = useState<number[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const { tenants, groups, setScope } = useAppStore(useShallow((s) => ({ tenants: s.tenants, groups: s.groups, setScope: s.setScope })));
  const entries = useMemo(() => scopeMatches(text, tenants, groups), [text, tenants, groups]);
  const withAction = showsTenantsAction(text);
  const actionIndex = withAction ? entries.length : -1;
  const itemCount = entries.length + (withAction ? 1 : 0);

  useEffect(() => {
    const openPalette = () => {
      setOpen(true);
      setText('');
      setActive(0);
      setMarked([]);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openPalette();
      }
    };
    window.addEventListener('keydown', onKey);
    const offRequest = onScopePaletteRequest(openPalette);
    return () => {
      window.removeEventListener('keydown', onKey);
      offRequest();
    };
  }, []);

  if (!open) return null;

  const openTenants = () => {
    setOpen(false);
    useSyncStore.getState().openScreen('tenants');
  };
  const choose = (entry: ScopeEntry | undefined) => {
    if (active === actionIndex && marked.length === 0) return openTenants();
    setOpen(false);
    // A scope chosen from another screen (Tenants, Connections) is shown with its events.
    if (useSyncStore.getState().screen !== 'events') useSyncStore.getState().openScreen('events');
    if (marked.length > 0) setScope({ kind: 'tenants', tenantIds: marked });
    else if (entry) setScope(entry.scope);
  };
  const toggleMark = (entry: ScopeEntry | undefined) => {
    const id = entry?.tenantId;
    if (id === undefined) return;
    setMarked((m) => (m.includes(id) ? m.filter((x) => x !== id) : [...m, id]));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.min(itemCount - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(entries[active]);
    } else if (e.key === ' ' && (text === '' || e.ctrlKey)) {
      e.preventDefault();
      toggleMark(entries[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="scope-palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="scope-palette" role="dialog" aria-label="Go to a tenant or group" data-testid="scope-palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          autoFocus
          className="control"
          placeholder="Tenant or group… (Space marks several, Enter switches)"
          aria-label="Tenant or group name"
          role="combobox"
          aria-expanded="true"
          aria-controls="scope-palette-list"
          aria-activedescendant={active < itemCount ? `scope-entry-${active}` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="scope-palette-list" role="listbox" aria-multiselectable="true">
          {entries.map((entry, i) => (
            <li
              key={entry.key}
              id={`scope-entry-${i}`}
              role="option"
              aria-selected={i === active}
              data-testid="scope-entry"
              className={i === active ? 'active' : undefined}
              onMouseEnter={() => setActive(i)}
              // The input keeps focus, so the keys go on working after a click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={(e) => (e.ctrlKey || e.metaKey ? toggleMark(entry) : choose(entry))}
            >
              {entry.tenantId !== undefined && (
                // The box itself marks with a plain click, for the mouse.
                <span
                  className="mark"
                  data-testid="scope-entry-mark"
                  aria-label={marked.includes(entry.tenantId) ? 'marked' : undefined}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggleMark(entry);
                  }}
                >
                  {marked.includes(entry.tenantId) ? '☑' : '☐'}
                </span>
              )}
              {entry.label}
            </li>
          ))}
          {withAction && (
            <li
              id={`scope-entry-${actionIndex}`}
              role="option"
              aria-selected={active === actionIndex}
              data-testid="palette-tenants-action"
              className={active === actionIndex ? 'active palette-action' : 'palette-action'}
              onMouseEnter={() => setActive(actionIndex)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={openTenants}
            >
              {TENANTS_ACTION}
            </li>
          )}
          {itemCount === 0 && <li className="muted">No tenant or group has “{text}” in its name.</li>}
        </ul>
        {marked.length > 0 && (
          <div className="muted">
            {marked.length} tenants marked: Enter shows them together.{' '}
            <button type="button" className="control" data-testid="scope-palette-show-marked" onMouseDown={(e) => e.preventDefault()} onClick={() => choose(undefined)}>
              Show {marked.length} tenants
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
