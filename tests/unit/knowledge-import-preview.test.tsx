// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportPreview } from '../../components/options/presets/ImportPreview';
import { planImport } from '../../utils/presets/import-diff';
import { type KnowledgeSnippet, PresetPack } from '../../utils/presets/pack';
import { Preset } from '../../utils/presets/preset';

// The import preview says what a pack does to knowledge too: which snippets are added, updated and removed; and a
// new version that changes only snippets can be imported (not "Already up to date").

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const preset = Preset.parse({
  id: 'reply',
  name: 'Reply',
  kind: 'reply',
  template: 'Reply to {{conversation}}',
});
const snippet = (id: string, text = `The ${id} policy.`): KnowledgeSnippet => ({
  id,
  title: `Title ${id}`,
  text,
  tags: [],
});
const pack = (knowledge: KnowledgeSnippet[]) =>
  PresetPack.parse({ schemaVersion: 1, name: 'Acme', version: '2.0.0', presets: [preset], knowledge });

function render(current: KnowledgeSnippet[], incoming: KnowledgeSnippet[]) {
  const plan = planImport({ 'file:Acme': [preset] }, pack(incoming), { type: 'file', pack: 'Acme' }, current);
  act(() =>
    root.render(
      <ImportPreview
        preview={{ plan, warnings: [], extras: [] }}
        fileName="acme.json"
        busy={false}
        onConfirm={() => undefined}
        onCancel={() => undefined}
      />,
    ),
  );
}
const text = (id: string) => container.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

describe('import preview: knowledge', () => {
  it('lists added, updated and removed snippets, and lets a knowledge-only change be imported', () => {
    render([snippet('refund'), snippet('old')], [snippet('refund', 'Now 60 days.'), snippet('invoice')]);
    expect(text('pack-import-knowledge-added')).toContain('Title invoice');
    expect(text('pack-import-knowledge-updated')).toContain('Title refund');
    expect(text('pack-import-knowledge-removed')).toContain('Title old');
    const confirm = container.querySelector<HTMLButtonElement>('[data-testid="pack-import-confirm"]');
    expect(confirm?.disabled).toBe(false);
    expect(confirm?.textContent).toBe('Import');
  });

  it('shows nothing about knowledge when neither side has any, and stays "up to date" when nothing changes', () => {
    render([], []);
    expect(text('pack-import-knowledge')).toBeNull();
    render([snippet('refund')], [snippet('refund')]);
    expect(text('pack-import-knowledge-unchanged')).toBe('Unchanged: 1');
    const confirm = container.querySelector<HTMLButtonElement>('[data-testid="pack-import-confirm"]');
    expect(confirm?.disabled).toBe(true);
  });
});
