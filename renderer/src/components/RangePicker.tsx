/** Quick time ranges (all time by default), and the custom range the histogram picked, shown as its ends. */
import { useShallow } from 'zustand/react/shallow';
import { isRangePresetId, RANGE_PRESETS } from '../format/rangePresets.ts';
import { formatTs } from '../format/time.ts';
import { useAppStore } from '../state/store.ts';

const CUSTOM = 'custom';

export function RangePicker() {
  const { rangePreset, customRange, timeZone, setRangePreset } = useAppStore(
    useShallow((s) => ({ rangePreset: s.rangePreset, customRange: s.customRange, timeZone: s.timeZone, setRangePreset: s.setRangePreset })),
  );
  const customLabel = customRange
    ? `${customRange.from === null ? '…' : formatTs(customRange.from, timeZone)} – ${customRange.to === null ? 'now' : formatTs(customRange.to, timeZone)}`
    : '';
  return (
    <select
      className="control range-picker"
      data-testid="range-picker"
      aria-label="Time range"
      value={customRange ? CUSTOM : rangePreset}
      onChange={(e) => {
        if (isRangePresetId(e.target.value)) setRangePreset(e.target.value);
      }}
    >
      {customRange && <option value={CUSTOM}>{customLabel}</option>}
      {RANGE_PRESETS.map((p) => (
        <option key={p.id} value={p.id}>{p.label}</option>
      ))}
    </select>
  );
}
