import type { KnowledgeSnippet } from '@/utils/presets/pack';

// Snippets named in an import preview (a knowledge file's, or a pack's knowledge part): title and id.

export function SnippetTitles({
  snippets,
  testId,
}: {
  snippets: readonly KnowledgeSnippet[];
  testId: string;
}) {
  return (
    <ul data-testid={testId}>
      {snippets.map((s) => (
        <li key={s.id}>
          {s.title} <code>{s.id}</code>
        </li>
      ))}
    </ul>
  );
}

export interface SnippetChangeListProps {
  /** "2 new snippets", "1 removed snippet"… */
  heading: string;
  /** The heading's level where the list stands (h4 in the knowledge preview, h5 inside the pack preview). */
  level: 'h4' | 'h5';
  snippets: readonly KnowledgeSnippet[];
  testId: string;
  hint?: string;
}

/** One kind of change (added, updated, removed) with its heading; nothing when no snippet has it. */
export function SnippetChangeList({
  heading,
  level: Heading,
  snippets,
  testId,
  hint,
}: SnippetChangeListProps) {
  if (snippets.length === 0) return null;
  return (
    <>
      <Heading>{heading}</Heading>
      {hint && <p className="field-hint">{hint}</p>}
      <SnippetTitles snippets={snippets} testId={testId} />
    </>
  );
}
