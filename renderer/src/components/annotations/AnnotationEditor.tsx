/**
 * The inspector's annotation of the open event: star, tags (Enter adds, × removes) and a note
 * (Save, Ctrl/Cmd+Enter, or leaving the field: unsaved text is never dropped). Each change shows at once and is undone with the API's sentence if
 * the save fails (state/annotationsSlice.ts). Tags are checked here with the contract's own rule.
 */
import { useEffect, useState } from 'react';
import { ANNOTATION_LIMITS, tagSchema, type EventRow } from '../../../../common/contract.ts';
import { annotationOf } from '../../state/annotationsSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { useShallow } from 'zustand/react/shallow';

export function AnnotationEditor({ event }: { event: Pick<EventRow, 'id' | 'annotation'> }) {
  const annotation = useAppStore(useShallow((s) => annotationOf(s, event)));
  const { annotate, toggleStar } = useAppStore(useShallow((s) => ({ annotate: s.annotate, toggleStar: s.toggleStar })));
  const [tagDraft, setTagDraft] = useState('');
  const [tagProblem, setTagProblem] = useState<string | null>(null);
  const [note, setNote] = useState(annotation.note);
  const [noteSaved, setNoteSaved] = useState(true);

  // Another event, or its note changed elsewhere: show what is saved.
  useEffect(() => {
    setNote(annotation.note);
    setNoteSaved(true);
  }, [event.id, annotation.note]);
  useEffect(() => {
    setTagDraft('');
    setTagProblem(null);
  }, [event.id]);

  const addTag = () => {
    const parsed = tagSchema.safeParse(tagDraft);
    if (!parsed.success) return setTagProblem(parsed.error.issues[0]?.message ?? 'not a tag');
    if (annotation.tags.some((t) => t.toLowerCase() === parsed.data.toLowerCase())) return setTagDraft('');
    if (annotation.tags.length >= ANNOTATION_LIMITS.tagsPerEvent) return setTagProblem(`at most ${ANNOTATION_LIMITS.tagsPerEvent} tags on one event`);
    setTagProblem(null);
    setTagDraft('');
    void annotate(event.id, { tags: [...annotation.tags, parsed.data] });
  };
  const saveNote = async () => {
    if (await annotate(event.id, { note })) setNoteSaved(true);
  };

  return (
    <section className="annotation-editor" data-testid="annotation-editor" aria-label="Your annotation">
      <div className="annotation-row">
        <button
          type="button"
          className={annotation.starred ? 'control star-button starred' : 'control star-button'}
          data-testid="detail-star"
          aria-pressed={annotation.starred}
          title="Star or unstar (s)"
          onClick={() => void toggleStar(event.id)}
        >
          {annotation.starred ? '★ Starred' : '☆ Star'}
        </button>
        <ul className="tag-list" aria-label="Tags" data-testid="detail-tags">
          {annotation.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
              <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => void annotate(event.id, { tags: annotation.tags.filter((t) => t !== tag) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          className="control tag-input"
          data-testid="detail-tag-input"
          aria-label="Add a tag"
          placeholder="add tag…"
          value={tagDraft}
          maxLength={ANNOTATION_LIMITS.tagChars + 10}
          aria-invalid={tagProblem !== null}
          onChange={(e) => {
            setTagDraft(e.target.value);
            setTagProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addTag();
            }
          }}
        />
      </div>
      {tagProblem && <div className="annotation-problem" role="alert" data-testid="detail-tag-problem">Not added: {tagProblem}.</div>}
      <div className="annotation-note">
        <textarea
          className="control note-input"
          data-testid="detail-note"
          aria-label="Note"
          placeholder="Note (only in this workspace; not part of the evidence)"
          rows={2}
          maxLength={ANNOTATION_LIMITS.noteChars}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteSaved(e.target.value === annotation.note);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void saveNote();
            } else if (e.key === 'Escape') {
              // Leaves the note (saving it) rather than closing the inspector over unsaved text.
              e.preventDefault();
              e.currentTarget.blur();
            }
          }}
          // A note is never lost by clicking elsewhere (another row, Close): leaving it saves it.
          onBlur={() => {
            if (!noteSaved) void saveNote();
          }}
        />
        <button
          type="button"
          className="control"
          data-testid="detail-note-save"
          disabled={noteSaved}
          // Keeps the focus in the note, so its blur does not save it a second time.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void saveNote()}
        >
          Save note
        </button>
      </div>
    </section>
  );
}
