import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { t } from '@/utils/i18n/t';
import {
  blockedReason,
  kindLabel,
  moveActive,
  pickerEntries,
  usePresetLibrary,
} from '@/utils/panel/preset-picker';
import type { PresetEntry } from '@/utils/presets/preset';
import { entryDisplayName } from '@/utils/presets/preset-text';

// "Presets…": a button that opens a searchable list (ARIA combobox + listbox). Typing filters, the arrow keys move,
// Enter runs, Escape closes and gives focus back to the button. The list's logic is utils/panel/preset-picker.ts.

export function PresetPicker(props: {
  disabled: boolean;
  /** Whether the draft has text (rewrite presets need it). */
  hasDraft: boolean;
  onRun(entry: PresetEntry): void;
}) {
  const { entries, error, reload, recordUse } = usePresetLibrary();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const shown = pickerEntries(entries, query);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: optionId is derived from listId
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [open, active, listId]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    setQuery('');
    setNotice(null);
    if (focusButton) button.current?.focus();
  };

  const openPicker = () => {
    setActive(0);
    setNotice(null);
    setOpen(true);
    void reload();
  };

  const run = (entry: PresetEntry | undefined) => {
    if (!entry) return;
    const blocked = blockedReason(entry, props.hasDraft);
    if (blocked) {
      setNotice(blocked);
      return;
    }
    recordUse(entry);
    close(true);
    props.onRun(entry);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[active]);
      return;
    }
    const next = moveActive(active, event.key, shown.length);
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
      setNotice(null);
    }
  };

  return (
    <div className="preset-picker" ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => (open ? close(false) : openPicker())}
        data-testid="preset-picker-open"
      >
        {t('panel_presets_button')}
      </button>
      {open && (
        <div className="preset-popover">
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-label={t('panel_presets_search')}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown[active] ? optionId(active) : undefined}
            placeholder={t('panel_presets_search')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setNotice(null);
            }}
            onKeyDown={onKeyDown}
            // Focus leaving the picker (Tab, a click elsewhere) closes it, like a native select.
            onBlur={(e) => {
              if (!root.current?.contains(e.relatedTarget as Node | null)) close(false);
            }}
            data-testid="preset-search"
          />
          {/* tabIndex -1: Chrome makes a scrolling box a Tab stop; focus stays in the search (combobox pattern). */}
          <div
            id={listId}
            role="listbox"
            aria-label={t('panel_presets_list')}
            className="preset-list"
            tabIndex={-1}
          >
            {shown.map((entry, i) => (
              <div
                key={entry.key}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // The input keeps focus (the combobox pattern: keys go to it); a click runs the option.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => run(entry)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') run(entry);
                }}
                data-testid="preset-option"
                data-preset-key={entry.key}
              >
                <span className="preset-name">
                  {entry.meta.favourite ? '★ ' : ''}
                  {entryDisplayName(entry)}
                </span>
                <span className="preset-kind">{kindLabel(entry)}</span>
              </div>
            ))}
          </div>
          {shown.length === 0 && (
            <p className="muted" data-testid="preset-empty">
              {t('panel_presets_none', query)}
            </p>
          )}
          {notice && (
            <p className="notice" role="alert" data-testid="preset-notice">
              {notice}
            </p>
          )}
          {error && (
            <p className="notice" role="status">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
