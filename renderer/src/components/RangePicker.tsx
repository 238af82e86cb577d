/**
 * Quick time ranges (all time by default), the custom range the histogram picked shown as its
 * ends, and "Custom from/until…" to type one (CustomRangeForm).
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isRangePresetId, RANGE_PRESETS, resolveRange } from '../format/rangePresets.ts';
import { formatTs } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';
import { CustomRangeForm } from './CustomRangeForm.tsx';

const CUSTOM = 'custom';
const TYPE_CUSTOM = 'type-custom';

export function RangePicker() {
  const { rangePreset, customRange, timeZone, setRangePreset, setCustomRange } = useAppStore(
    useShallow((s) => ({ rangePreset: s.rangePreset, customRange: s.customRange, timeZone: s.timeZone, setRangePreset: s.setRangePreset, setCustomRange: s.setCustomRange })),
  );
  const [typing, setTyping] = useState(false);
  const customLabel = customRange
    ? `${customRange.from === null ? '…' : formatTs(customRange.from, timeZone)} – ${customRange.to === null ? 'now' : formatTs(customRange.to, timeZone)}`
    : '';
  return (
    <span className="range-picker-wrap">
      <select
        className="control range-picker"
        data-testid="range-picker"
        aria-label="Time range"
        value={customRange ? CUSTOM : rangePreset}
        onChange={(e) => {
          if (isRangePresetId(e.target.value)) setRangePreset(e.target.value);
          else if (e.target.value === TYPE_CUSTOM) setTyping(true);
        }}
      >
        {customRange && <option value={CUSTOM}>{customLabel}</option>}
        {RANGE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>{p.label}</option>
        ))}
        <option value={TYPE_CUSTOM}>Custom from/until…</option>
      </select>
      {typing && (
        <CustomRangeForm
          initial={customRange ?? resolveRange(rangePreset, Date.now())}
          timeZone={timeZone}
          onApply={(range) => {
            setTyping(false);
            // Both ends open is all time: say so by its name.
            if (range.from === null && range.to === null) setRangePreset('all');
            else setCustomRange(range);
          }}
          onClose={() => setTyping(false)}
        />
      )}
    </span>
  );
}
