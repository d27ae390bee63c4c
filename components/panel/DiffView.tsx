import { useMemo } from 'react';
import { t } from '@/utils/i18n/t';
import { diffWords } from '@/utils/text/diff';

// What the agent changed in the AI's text, word by word. Rendered as text nodes inside <del>/<ins> (never HTML);
// screen readers hear "removed" / "added" before each change, not just a colour.

export function DiffView({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  const changed = parts.some((p) => p.op !== 'equal');
  return (
    <div className="diff" data-testid="draft-diff">
      {changed ? (
        parts.map((part, i) =>
          part.op === 'equal' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed sequence for these two texts
            <span key={i}>{part.text}</span>
          ) : part.op === 'delete' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <del key={i}>
              <span className="sr-only">{t('panel_diff_removed')} </span>
              {part.text}
            </del>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <ins key={i}>
              <span className="sr-only">{t('panel_diff_added')} </span>
              {part.text}
            </ins>
          ),
        )
      ) : (
        <p className="muted">{t('panel_diff_none')}</p>
      )}
    </div>
  );
}
