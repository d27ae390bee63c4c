import Dexie from 'dexie';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { GenerationMeta } from '@/components/history/GenerationMeta';
import { PresetRow } from '@/components/options/presets/PresetRow';
import { type GenerationRecord, openDb } from '@/utils/db';
import { POLICY_CHECK_PRESET } from '@/utils/knowledge/policy-check';
import { DEFAULT_DRAFT_GROUP } from '@/utils/metrics/summary';
import { groupLibrary } from '@/utils/options/preset-library';
import { blockedReason, pickerEntries } from '@/utils/panel/preset-picker';
import { BUILTIN_PRESETS, builtinPreset } from '@/utils/presets/builtin';
import { Preset, type PresetEntry, type PresetSource } from '@/utils/presets/preset';
import {
  entryDisplayDescription,
  entryDisplayName,
  presetDisplayName,
  presetGroupNamer,
  storedPresetName,
  TRANSLATED_PRESET_IDS,
  variableDisplayDescription,
  variableDisplayLabel,
} from '@/utils/presets/preset-text';
import { REFINE_INSTRUCTION_PRESET } from '@/utils/presets/refine';
import { duplicateToEdit } from '@/utils/presets/store';
import { useTestLocale } from './i18n-fake';

// Deskmate's own presets are English data (prompts, stored names, exports) shown in the UI language; a team's or
// the agent's preset is shown in its own words, even when it reuses a built-in id.

const BUILTIN: PresetSource = { type: 'builtin' };
const TEAM: PresetSource = { type: 'file', pack: 'Acme' };
const SHIPPED = [...BUILTIN_PRESETS, REFINE_INSTRUCTION_PRESET, POLICY_CHECK_PRESET];

function shipped(id: string): Preset {
  const preset = builtinPreset(id);
  if (!preset) throw new Error(`no built-in ${id}`);
  return preset;
}

function entry(preset: Preset, source: PresetSource): PresetEntry {
  const key = source.type === 'builtin' ? `builtin/${preset.id}` : `file:Acme/${preset.id}`;
  return { key, preset, source, readOnly: true, meta: { favourite: false } };
}

/** A team pack's preset that reuses a built-in id under the team's own name. */
const teamEmpathy = Preset.parse({
  id: 'reply-empathetic',
  name: 'Acme warm reply',
  description: 'Our house style for upset customers.',
  kind: 'reply',
  template: 'Reply to {{conversation}}',
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => useTestLocale('en'));

describe('in English, the display is the data', () => {
  it('every shipped preset has texts, and their English is exactly the preset’s own', () => {
    expect([...TRANSLATED_PRESET_IDS].sort()).toEqual(SHIPPED.map((p) => p.id).sort());
    for (const preset of SHIPPED) {
      const e = { preset, source: BUILTIN };
      expect(entryDisplayName(e)).toBe(preset.name);
      expect(entryDisplayDescription(e)).toBe(preset.description);
      for (const v of preset.variables) {
        expect(variableDisplayLabel({ ...preset, source: BUILTIN }, v)).toBe(v.label);
        expect(variableDisplayDescription({ ...preset, source: BUILTIN }, v)).toBe(v.description);
      }
    }
  });

  it('a record stored by each shipped preset is recognised by its English name (the table’s copy is exact)', () => {
    useTestLocale('de');
    try {
      for (const preset of SHIPPED) {
        const shown = entryDisplayName({ preset, source: BUILTIN });
        expect(shown).not.toBe(preset.name);
        expect(storedPresetName({ presetId: preset.id, presetName: preset.name })).toBe(shown);
      }
    } finally {
      useTestLocale('en');
    }
  });
});

describe('in German', () => {
  beforeEach(() => useTestLocale('de'));

  it('a built-in from the library reads in German, its variables too; the preset object stays English', () => {
    const refund = shipped('reply-refund-returns');
    expect(entryDisplayName(entry(shipped('summary-structured'), BUILTIN))).toBe(
      'Strukturierte Zusammenfassung',
    );
    expect(entryDisplayName(entry(shipped('rewrite-shorter'), BUILTIN))).toBe('Kürzer fassen');
    expect(entryDisplayDescription(entry(refund, BUILTIN))).toMatch(/^Erklärt Schritt für Schritt/);
    const ref = { ...refund, source: BUILTIN };
    const [window, time] = refund.variables;
    expect(window && variableDisplayLabel(ref, window)).toBe('Rückgabefrist');
    expect(time && variableDisplayLabel(ref, time)).toBe('Bearbeitungszeit der Erstattung');
    expect(window && variableDisplayDescription(ref, window)).toBe(
      'Wie lange Kunden Zeit haben, einen Artikel zurückzugeben.',
    );
    const translate = shipped('rewrite-translate');
    const target = translate.variables[0];
    expect(target && variableDisplayLabel({ ...translate, source: BUILTIN }, target)).toBe('Übersetzen in');
    expect(refund.name).toBe('Refund / returns reply');
  });

  it('a team pack’s preset with a built-in id keeps its own name, description and labels', () => {
    const team = entry(teamEmpathy, TEAM);
    expect(entryDisplayName(team)).toBe('Acme warm reply');
    expect(entryDisplayDescription(team)).toBe('Our house style for upset customers.');
    // Even a team copy that kept the English name is the team's: the source decides in the library.
    expect(entryDisplayName(entry(shipped('reply-empathetic'), TEAM))).toBe('Empathetic reply');
    const refundCopy = { ...shipped('reply-refund-returns'), source: TEAM };
    const window = refundCopy.variables[0];
    expect(window && variableDisplayLabel(refundCopy, window)).toBe('Return window');
  });

  it('a stored record is translated only when its id AND its stored name are the shipped preset’s', () => {
    expect(storedPresetName({ presetId: 'reply-empathetic', presetName: 'Empathetic reply' })).toBe(
      'Einfühlsame Antwort',
    );
    expect(storedPresetName({ presetId: 'reply-empathetic', presetName: 'Acme warm reply' })).toBe(
      'Acme warm reply',
    );
    expect(storedPresetName({ presetId: 'acme-empathy', presetName: 'Empathetic reply' })).toBe(
      'Empathetic reply',
    );
    expect(storedPresetName({ presetName: 'Empathetic reply' })).toBe('Empathetic reply');
    expect(storedPresetName({})).toBeUndefined();
    // The Refine bar's free instruction and the knowledge check are stored the same way.
    expect(
      storedPresetName({
        presetId: REFINE_INSTRUCTION_PRESET.id,
        presetName: REFINE_INSTRUCTION_PRESET.name,
      }),
    ).toBe('Mit einer Anweisung überarbeiten');
    expect(presetDisplayName({ id: POLICY_CHECK_PRESET.id, name: POLICY_CHECK_PRESET.name })).toBe(
      'Mit Wissen abgleichen',
    );
  });

  it('the dashboard’s per-preset rows: built-in rows and the default row in German, a shared name stays', () => {
    const nameOf = presetGroupNamer(
      [
        { presetId: 'reply-empathetic', presetName: 'Empathetic reply' },
        {},
        { presetId: 'rewrite-shorter', presetName: 'Make it shorter' },
        // A team preset that shares the built-in's name is counted in the same row: the row keeps the stored words.
        { presetId: 'acme-shorter', presetName: 'Make it shorter' },
        { presetId: 'acme-refund', presetName: 'Refund' },
      ],
      DEFAULT_DRAFT_GROUP,
    );
    expect(nameOf('Empathetic reply')).toBe('Einfühlsame Antwort');
    expect(nameOf(DEFAULT_DRAFT_GROUP)).toBe('Standardentwurf');
    expect(nameOf('Make it shorter')).toBe('Make it shorter');
    expect(nameOf('Refund')).toBe('Refund');
  });

  it('the picker finds a built-in by its German name and explains a blocked one in German', () => {
    const entries = [entry(shipped('rewrite-shorter'), BUILTIN), entry(teamEmpathy, TEAM)];
    expect(pickerEntries(entries, 'kürzer').map((e) => e.preset.id)).toEqual(['rewrite-shorter']);
    // The stored English words still find it.
    expect(pickerEntries(entries, 'shorter').map((e) => e.preset.id)).toEqual(['rewrite-shorter']);
    const [shorter] = entries;
    expect(shorter && blockedReason(shorter, false)).toContain('Kürzer fassen');
  });

  it('the picker orders presets the agent has not used by the names it shows', () => {
    const names = pickerEntries(
      BUILTIN_PRESETS.map((p) => entry(p, BUILTIN)),
      '',
    ).map(entryDisplayName);
    // Sorted by the English names, the German ones would be out of order ("Ask for…" = "Fehlende…" first).
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toContain('Einfühlsame Antwort');
  });

  it('the options library sorts built-ins by the names the agent reads', () => {
    const names = groupLibrary(BUILTIN_PRESETS.map((p) => entry(p, BUILTIN))).builtin.map(entryDisplayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toContain('Einfühlsame Antwort');
  });

  it('renders the library row of a built-in in German and a team preset with the same id in its own words', () => {
    const row = (e: PresetEntry) =>
      renderToStaticMarkup(
        createElement(PresetRow, {
          entry: e,
          onFavourite: () => {},
          onEdit: () => {},
          onDuplicate: () => {},
          onDelete: () => {},
          editorOpen: false,
        }),
      );
    const builtin = row(entry(shipped('reply-empathetic'), BUILTIN));
    expect(builtin).toContain('>Einfühlsame Antwort</span>');
    expect(builtin).toContain('Geht auf die Gefühle des Kunden ein');
    expect(builtin).not.toContain('Empathetic reply');
    const team = row(entry(teamEmpathy, TEAM));
    expect(team).toContain('>Acme warm reply</span>');
    expect(team).not.toContain('Einfühlsame Antwort');
  });

  it('renders a History row’s preset in German for a built-in record, and a team’s stored name as it is', () => {
    const record = (presetId: string, presetName: string): GenerationRecord => ({
      ticketKey: 'zendesk:acme:1',
      kind: 'draft',
      model: 'gpt-test',
      promptChars: 10,
      output: 'Hallo',
      startedAt: 1_700_000_000_000,
      outcome: 'complete',
      presetId,
      presetName,
    });
    const meta = (g: GenerationRecord) =>
      renderToStaticMarkup(createElement(GenerationMeta, { generation: g }));
    expect(meta(record('rewrite-formal', 'Make it more formal'))).toContain(
      'data-testid="history-preset">Förmlicher formulieren</span>',
    );
    expect(meta(record('rewrite-formal', 'Acme formal'))).toContain(
      'data-testid="history-preset">Acme formal</span>',
    );
  });

  it('“Duplicate to edit” on a built-in starts the agent’s copy from the German words; the prompt stays English', async () => {
    const name = `preset-text-${Math.random()}`;
    const db = openDb(name);
    try {
      const copy = await duplicateToEdit(db, 'builtin/reply-refund-returns');
      const original = shipped('reply-refund-returns');
      expect(copy.preset.name).toBe('Antwort zu Erstattung / Rücksendung (Kopie)');
      expect(copy.preset.description).toMatch(/^Erklärt Schritt für Schritt/);
      expect(copy.preset.variables.map((v) => v.label)).toEqual([
        'Rückgabefrist',
        'Bearbeitungszeit der Erstattung',
      ]);
      expect(copy.preset.variables.map((v) => v.default)).toEqual(original.variables.map((v) => v.default));
      expect(copy.preset.template).toBe(original.template);
      // A copy is personal: from now on its name is the agent's own, shown as written.
      expect(entryDisplayName(copy)).toBe(copy.preset.name);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});
