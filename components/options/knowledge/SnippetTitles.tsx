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
