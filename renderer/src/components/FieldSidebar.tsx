/**
 * Every normalised field, each openable to its top values with exact counts over the whole view;
 * + filters for a value, − filters it out. Counts come from events.topValues, never a sample.
 */
import { useShallow } from 'zustand/react/shallow';
import { FACET_FIELDS, type FacetField } from '../../../common/contract.ts';
import { formatCount } from '../format/count.ts';
import { useAppStore } from '../state/store.ts';
import './FieldSidebar.css';

function FieldValuesList({ field }: { field: FacetField }) {
  const { values, addFilter } = useAppStore(useShallow((s) => ({ values: s.fieldValues[field], addFilter: s.addFilter })));
  if (!values || (values.status === 'loading' && values.values.length === 0)) return <div className="field-note">Counting…</div>;
  if (values.status === 'error') return <div className="field-note" role="status">{values.error}</div>;
  if (values.values.length === 0) return <div className="field-note">No events</div>;
  return (
    <ul className="field-values" aria-busy={values.status === 'loading'}>
      {values.values.map((v) => {
        const label = v.value ?? '(none)';
        const share = values.total > 0 ? (100 * v.count) / values.total : 0;
        return (
          <li key={label} className="field-value" data-testid="field-value" data-field={field} data-value={v.value ?? ''} data-count={v.count}>
            <span className="field-value-bar" style={{ width: `${share}%` }} />
            <span className="field-value-label" title={label}>{label}</span>
            <span className="field-value-count">{formatCount(v.count)}</span>
            <button type="button" className="field-value-action" aria-label={`Filter for ${field} ${label}`} title="Filter for this value" onClick={() => addFilter(field, v.value, false)}>
              +
            </button>
            <button type="button" className="field-value-action" aria-label={`Filter out ${field} ${label}`} title="Filter out this value" onClick={() => addFilter(field, v.value, true)}>
              −
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function FieldSidebar() {
  const { openFields, toggleField } = useAppStore(useShallow((s) => ({ openFields: s.openFields, toggleField: s.toggleField })));
  return (
    <nav className="field-sidebar" data-testid="field-sidebar" aria-label="Fields">
      {FACET_FIELDS.map((field) => {
        const open = openFields.includes(field);
        return (
          <section key={field} className="field" data-field={field}>
            <button type="button" className="field-name" aria-expanded={open} onClick={() => toggleField(field)}>
              {open ? '▾' : '▸'} {field}
            </button>
            {open && <FieldValuesList field={field} />}
          </section>
        );
      })}
    </nav>
  );
}
