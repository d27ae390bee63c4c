// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  diffPresets,
  ImportConflictError,
  type PresetGroups,
  planImport,
  summarizeDiff,
} from '@/utils/presets/import-diff';
import { PresetPack } from '@/utils/presets/pack';
import { Preset } from '@/utils/presets/preset';

const p = (id: string, extra: Record<string, unknown> = {}) =>
  Preset.parse({ id, name: `Preset ${id}`, kind: 'reply', template: 'Reply to {{conversation}}', ...extra });

const packOf = (presets: Preset[]) =>
  PresetPack.parse({ schemaVersion: 1, name: 'Acme', version: '2.0.0', presets });

const source = { type: 'file', pack: 'Acme' } as const;

describe('diffPresets', () => {
  it('sorts presets into added, updated (with the changed fields), removed and unchanged', () => {
    const current = [p('keep'), p('edit'), p('gone')];
    const incoming = [
      p('edit', { name: 'Edited', tags: ['x'], template: 'Reply to {{latest_customer_message}}' }),
      p('keep'),
      p('new'),
    ];
    const diff = diffPresets(current, incoming);
    expect(diff.added.map((x) => x.id)).toEqual(['new']);
    expect(diff.removed.map((x) => x.id)).toEqual(['gone']);
    expect(diff.unchanged.map((x) => x.id)).toEqual(['keep']);
    expect(diff.updated).toHaveLength(1);
    expect(diff.updated[0]!.changes).toEqual([
      { field: 'name', before: 'Preset edit', after: 'Edited' },
      {
        field: 'template',
        before: 'Reply to {{conversation}}',
        after: 'Reply to {{latest_customer_message}}',
      },
      { field: 'tags', before: [], after: ['x'] },
    ]);
    expect(summarizeDiff(diff)).toBe('1 added, 1 updated, 1 removed, 1 unchanged');
  });

  it('sees nested changes (language rule, variables) and ignores key order', () => {
    const a = p('a', {
      language: { mode: 'fixed', language: 'de' },
      variables: [{ name: 'w', default: '30' }],
    });
    // Same values, keys in the opposite order (as a hand-edited file may have them), nested ones too.
    const reordered = Object.fromEntries(
      Object.entries({ ...a, language: { language: 'de', mode: 'fixed' } }).reverse(),
    ) as Preset;
    expect(diffPresets([a], [reordered]).unchanged).toHaveLength(1);
    const b = p('a', {
      language: { mode: 'fixed', language: 'fr' },
      variables: [{ name: 'w', default: '14' }],
    });
    expect(diffPresets([a], [b]).updated[0]!.changes.map((c) => c.field)).toEqual(['language', 'variables']);
    expect(summarizeDiff(diffPresets([a], [a]))).toBe('No changes (1 unchanged)');
  });
});

describe('planImport / applyImport', () => {
  const personal = [p('mine')];
  const state: PresetGroups = Object.freeze({
    personal: Object.freeze(personal),
    'file:Acme': Object.freeze([p('old'), p('edit')]),
    'subscription:https://x.test/p.json': Object.freeze([p('old')]),
  });
  const incoming = packOf([p('edit', { name: 'New name' }), p('fresh')]);

  it('previews only the pack’s own source', () => {
    const plan = planImport(state, incoming, source);
    expect(plan.sourceKey).toBe('file:Acme');
    expect(plan.pack).toMatchObject({ name: 'Acme', version: '2.0.0' });
    expect(summarizeDiff(plan.diff)).toBe('1 added, 1 updated, 1 removed');
  });

  it('cancel changes nothing', () => {
    const plan = planImport(state, incoming, source);
    expect(applyImport(state, plan, 'cancel')).toBe(state);
  });

  it('confirm replaces that source only, leaving personal and other packs alone', () => {
    const plan = planImport(state, incoming, source);
    const next = applyImport(state, plan, 'confirm');
    expect(next['file:Acme']!.map((x) => x.id)).toEqual(['edit', 'fresh']);
    expect(next.personal).toBe(state.personal);
    expect(next['subscription:https://x.test/p.json']).toBe(state['subscription:https://x.test/p.json']);
    expect(state['file:Acme']!.map((x) => x.id)).toEqual(['old', 'edit']);
  });

  it('a stale plan is an error that leaves the state as it was', () => {
    const plan = planImport(state, incoming, source);
    const moved: PresetGroups = { ...state, 'file:Acme': [p('old')] };
    const snapshot = JSON.stringify(moved);
    expect(() => applyImport(moved, plan, 'confirm')).toThrow(ImportConflictError);
    expect(JSON.stringify(moved)).toBe(snapshot);
  });

  it('refuses to plan over personal presets', () => {
    expect(() => planImport(state, incoming, { type: 'personal' })).toThrow(/never over personal/);
  });
});
