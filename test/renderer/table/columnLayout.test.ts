/** The column layout's changes, and a stored layout read back safely. */
import { describe, expect, it } from 'vitest';
import { COLUMN_CATALOG } from '../../../renderer/src/table/columnCatalog.ts';
import { DEFAULT_LAYOUT, gridMinWidth, gridTemplate, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, moveColumn, moveColumnTo, parseLayout, resizeColumn, toggleColumn } from '../../../renderer/src/table/columnLayout.ts';
import { EVENT_FIELD_KEYS } from '../../../common/event-fields.ts';

describe('column layout', () => {
  it('offers every normalised field as a column (time stands for ts)', () => {
    const ids = COLUMN_CATALOG.map((c) => c.id);
    for (const key of EVENT_FIELD_KEYS) if (key !== 'ts') expect(ids).toContain(key);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hides and shows columns, never the last one', () => {
    const hidden = toggleColumn(DEFAULT_LAYOUT, 'ip');
    expect(hidden.visible).not.toContain('ip');
    expect(toggleColumn(hidden, 'ip').visible.at(-1)).toBe('ip');
    const one = { visible: ['time'], widths: {} };
    expect(toggleColumn(one, 'time')).toBe(one);
    expect(toggleColumn(DEFAULT_LAYOUT, 'nosuch')).toBe(DEFAULT_LAYOUT);
  });

  it('moves a column by steps and onto another, stopping at the ends', () => {
    expect(moveColumn(DEFAULT_LAYOUT, 'ip', -2).visible).toEqual(['time', 'tenant', 'action', 'actor', 'ip', 'target', 'outcome']);
    expect(moveColumn(DEFAULT_LAYOUT, 'time', -1)).toBe(DEFAULT_LAYOUT);
    expect(moveColumnTo(DEFAULT_LAYOUT, 'tenant', 'outcome').visible).toEqual(['time', 'action', 'actor', 'target', 'outcome', 'tenant', 'ip']);
    expect(moveColumnTo(DEFAULT_LAYOUT, 'ip', 'time').visible[0]).toBe('ip');
  });

  it('resizes within bounds, and the grid template uses the set widths', () => {
    const wide = resizeColumn(DEFAULT_LAYOUT, 'action', 10_000);
    expect(wide.widths.action).toBe(MAX_COLUMN_WIDTH);
    expect(resizeColumn(DEFAULT_LAYOUT, 'action', 3).widths.action).toBe(MIN_COLUMN_WIDTH);
    const tracks = gridTemplate(resizeColumn(DEFAULT_LAYOUT, 'action', 222.4));
    // Time, tenant, then the set width; the columns not resized keep sharing the room.
    expect(tracks.startsWith('var(--time-column) minmax(6rem, 1fr) 222px minmax(8rem, 2fr)')).toBe(true);
  });

  it('reads back a stored layout with unknown columns, repeats and bad widths removed; junk is null', () => {
    expect(parseLayout({ visible: ['ip', 'nosuch', 'ip', 'time'], widths: { ip: 5, time: 180, gone: 90 } })).toEqual({ visible: ['ip', 'time'], widths: { ip: MIN_COLUMN_WIDTH, time: 180 } });
    expect(parseLayout({ visible: ['nosuch'], widths: {} })).toBeNull();
    expect(parseLayout('columns')).toBeNull();
    expect(parseLayout(undefined)).toBeNull();
  });
});

describe('grid minimum width', () => {
  it('adds up each shown column\'s least width: a set width, a track\'s minimum, a fixed track', () => {
    const layout = resizeColumn({ visible: ['time', 'action', 'outcome'], widths: {} }, 'action', 150);
    expect(gridMinWidth(layout)).toBe('calc(var(--time-column) + 150px + 5.5rem)');
    expect(gridMinWidth({ visible: ['tenant', 'message'], widths: {} })).toBe('calc(6rem + 10rem)');
  });
});
