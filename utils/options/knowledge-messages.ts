import { t, tCount, uiLanguage } from '../i18n/t';
import type { ImportIssue, IssuePlace } from '../knowledge/import-issues';
import type { SnippetField, SnippetProblem } from '../knowledge/snippet-check';
import type { PresetSource } from '../presets/preset';

// The knowledge screens' words for problems and sources, in the agent's language. The parsers and the checker
// return data (utils/knowledge/import-issues.ts, snippet-check.ts); this is the one place that turns it into text.

export function fieldName(field: SnippetField): string {
  switch (field) {
    case 'id':
      return t('knowledge_options_field_id');
    case 'title':
      return t('knowledge_options_field_title');
    case 'text':
      return t('knowledge_options_field_text');
    case 'tags':
      return t('knowledge_options_field_tags');
    case 'sourceUrl':
      return t('knowledge_options_field_source_url');
    case 'language':
      return t('knowledge_options_field_language');
    case 'validFrom':
      return t('knowledge_options_field_valid_from');
    case 'validUntil':
      return t('knowledge_options_field_valid_until');
  }
}

export function describeProblem(problem: SnippetProblem): string {
  switch (problem.kind) {
    case 'required':
      if (problem.field === 'title') return t('knowledge_options_problem_title_required');
      if (problem.field === 'text') return t('knowledge_options_problem_text_required');
      return t('knowledge_options_problem_required', fieldName(problem.field));
    case 'too-long':
      return t('knowledge_options_problem_too_long', problem.max);
    case 'too-many':
      return t('knowledge_options_problem_too_many_tags', problem.max);
    case 'tag-too-long':
      return t('knowledge_options_problem_tag_too_long', problem.max);
    case 'url':
      return t('knowledge_options_problem_url');
    case 'date':
      return t('knowledge_options_problem_date');
    case 'date-order':
      return t('knowledge_options_problem_date_order');
    case 'language':
      return t('knowledge_options_problem_language');
    case 'id':
      return t('knowledge_options_problem_id');
    case 'other':
      return problem.message;
  }
}

export function describePlace(place: IssuePlace): string {
  switch (place.kind) {
    case 'row':
      return t('knowledge_options_place_row', place.row);
    case 'snippet':
      return t('knowledge_options_place_snippet', place.index, place.line);
    case 'item':
      return t('knowledge_options_place_item', place.index);
  }
}

const kB = (bytes: number) => Math.ceil(bytes / 1024);

export function describeIssue(issue: ImportIssue): string {
  switch (issue.code) {
    case 'too-large':
      return t('knowledge_options_issue_too_large', kB(issue.bytes), kB(issue.max));
    case 'too-many':
      return t('knowledge_options_issue_too_many', issue.count, issue.max);
    case 'not-utf8':
      return t('knowledge_options_issue_not_utf8');
    case 'empty':
      return t('knowledge_options_issue_empty');
    case 'unsupported-type':
      return t('knowledge_options_issue_unsupported_type', issue.name);
    case 'json-syntax':
      return issue.line !== undefined && issue.column !== undefined
        ? t('knowledge_options_issue_json_syntax', issue.line, issue.column, issue.reason)
        : t('knowledge_options_issue_json_syntax_unplaced', issue.reason);
    case 'json-shape':
      return t('knowledge_options_issue_json_shape');
    case 'json-not-object':
      return t('knowledge_options_issue_json_not_object', describePlace(issue.place));
    case 'csv-unterminated-quote':
      return t('knowledge_options_issue_csv_unterminated_quote', issue.row, issue.line);
    case 'csv-text-after-quote':
      return t('knowledge_options_issue_csv_text_after_quote', issue.row, issue.line);
    case 'csv-unknown-columns':
      return t('knowledge_options_issue_csv_unknown_columns', issue.columns.map((c) => `“${c}”`).join(', '));
    case 'csv-missing-column':
      return t('knowledge_options_issue_csv_missing_column', issue.column);
    case 'csv-duplicate-column':
      return t('knowledge_options_issue_csv_duplicate_column', issue.column);
    case 'csv-extra-cells':
      return t('knowledge_options_issue_csv_extra_cells', issue.row, issue.cells, issue.expected);
    case 'md-unclosed-front-matter':
      return t('knowledge_options_issue_md_unclosed', issue.line);
    case 'md-bad-front-matter-line':
      return t('knowledge_options_issue_md_bad_line', issue.line, issue.text);
    case 'md-unknown-key':
      return t('knowledge_options_issue_md_unknown_key', issue.line, issue.key);
    case 'duplicate-id':
      return t(
        'knowledge_options_issue_duplicate_id',
        describePlace(issue.place),
        issue.id,
        describePlace(issue.first),
      );
    case 'field':
      return t(
        'knowledge_options_issue_field',
        describePlace(issue.place),
        fieldName(issue.problem.field),
        describeProblem(issue.problem),
      );
    case 'more':
      return tCount('knowledge_options_issue_more', issue.count);
  }
}

export function describeSource(source: PresetSource): string {
  switch (source.type) {
    case 'builtin':
      return t('knowledge_options_source_builtin');
    case 'personal':
      return t('knowledge_options_source_personal');
    case 'file':
      return t('knowledge_options_source_file', source.pack);
    case 'subscription':
      return t('knowledge_options_source_subscription', source.url);
    case 'policy':
      return t('knowledge_options_source_policy');
  }
}

/** "German" / "Deutsch": the language's name in the interface's language; the tag itself when unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
