import type { Ref } from 'react';
import { Markdown } from '@/components/Markdown';
import { t } from '@/utils/i18n/t';
import { type FormField, SNIPPET_LANGUAGES, type SnippetDraft } from '@/utils/options/knowledge-form';
import { languageName } from '@/utils/options/knowledge-messages';
import { TextField } from '../TextField';

// The snippet's fields, shared by the options page's editor and the side panel's "Save as snippet". The body is
// Markdown with a live preview rendered by components/Markdown.tsx (React text nodes, never raw HTML). `compact`
// (the narrow panel) leaves out the preview, the source URL and the dates: they can be added in the options page.

const SOURCE_URL_EXAMPLE = 'https://help.example.com/refunds';

export interface SnippetFieldsProps {
  /** Prefix for the inputs' ids and test ids. */
  idPrefix: string;
  testPrefix: string;
  draft: SnippetDraft;
  onChange: (field: FormField, value: string) => void;
  /** The message to show under a field, if any. */
  errorOf: (field: FormField) => string | undefined;
  titleRef?: Ref<HTMLInputElement>;
  compact?: boolean;
}

export function SnippetFields({
  idPrefix,
  testPrefix,
  draft,
  onChange,
  errorOf,
  titleRef,
  compact = false,
}: SnippetFieldsProps) {
  const bodyId = `${idPrefix}-text`;
  const bodyError = errorOf('text');
  const known = (SNIPPET_LANGUAGES as readonly string[]).includes(draft.language) || draft.language === '';
  const languageError = errorOf('language');
  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        testId={`${testPrefix}-title`}
        label={t('knowledge_options_field_title')}
        inputRef={titleRef}
        value={draft.title}
        placeholder={t('knowledge_options_title_placeholder')}
        error={errorOf('title')}
        onChange={(value) => onChange('title', value)}
      />
      <div className={bodyError ? 'field field-invalid' : 'field'}>
        <label htmlFor={bodyId}>{t('knowledge_options_field_text')}</label>
        <textarea
          id={bodyId}
          data-testid={`${testPrefix}-text`}
          value={draft.text}
          rows={compact ? 6 : 10}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${bodyId}-hint${bodyError ? ` ${bodyId}-error` : ''}`}
          onChange={(event) => onChange('text', event.currentTarget.value)}
        />
        {bodyError && (
          <p id={`${bodyId}-error`} className="field-error" data-testid={`${testPrefix}-text-error`}>
            {bodyError}
          </p>
        )}
        <p id={`${bodyId}-hint`} className="field-hint">
          {t('knowledge_options_body_hint')}
        </p>
      </div>
      {!compact && (
        <section className="snippet-preview" aria-label={t('knowledge_options_preview')}>
          <h4>{t('knowledge_options_preview')}</h4>
          {draft.text.trim() ? (
            <Markdown text={draft.text} className="snippet-preview-body" />
          ) : (
            <p className="field-hint">{t('knowledge_options_preview_empty')}</p>
          )}
        </section>
      )}
      <div className="editor-grid">
        <TextField
          id={`${idPrefix}-tags`}
          testId={`${testPrefix}-tags`}
          label={t('knowledge_options_field_tags')}
          value={draft.tags}
          placeholder={t('knowledge_options_tags_placeholder')}
          hint={t('knowledge_options_tags_hint')}
          error={errorOf('tags')}
          onChange={(value) => onChange('tags', value)}
        />
        <div className={languageError ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${idPrefix}-language`}>{t('knowledge_options_field_language')}</label>
          <select
            id={`${idPrefix}-language`}
            data-testid={`${testPrefix}-language`}
            value={draft.language}
            aria-invalid={languageError ? true : undefined}
            onChange={(event) => onChange('language', event.currentTarget.value)}
          >
            <option value="">{t('knowledge_options_language_detect')}</option>
            {SNIPPET_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
            {!known && <option value={draft.language}>{languageName(draft.language)}</option>}
          </select>
          {languageError && <p className="field-error">{languageError}</p>}
        </div>
      </div>
      {!compact && (
        <>
          <TextField
            id={`${idPrefix}-source-url`}
            testId={`${testPrefix}-source-url`}
            type="url"
            label={t('knowledge_options_field_source_url')}
            value={draft.sourceUrl}
            placeholder={SOURCE_URL_EXAMPLE}
            hint={t('knowledge_options_source_url_hint')}
            error={errorOf('sourceUrl')}
            onChange={(value) => onChange('sourceUrl', value)}
          />
          <div className="editor-grid">
            <TextField
              id={`${idPrefix}-valid-from`}
              testId={`${testPrefix}-valid-from`}
              type="date"
              label={t('knowledge_options_field_valid_from')}
              value={draft.validFrom}
              error={errorOf('validFrom')}
              onChange={(value) => onChange('validFrom', value)}
            />
            <TextField
              id={`${idPrefix}-valid-until`}
              testId={`${testPrefix}-valid-until`}
              type="date"
              label={t('knowledge_options_field_valid_until')}
              value={draft.validUntil}
              hint={t('knowledge_options_dates_hint')}
              error={errorOf('validUntil')}
              onChange={(value) => onChange('validUntil', value)}
            />
          </div>
        </>
      )}
    </>
  );
}
