import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/utils/db';
import {
  buildExport,
  describeChange,
  fileImportSource,
  readPackFile,
  showValue,
} from '@/utils/options/pack-io';
import { groupLibrary } from '@/utils/options/preset-library';
import { BUILTIN_PRESETS } from '@/utils/presets/builtin';
import { MAX_PACK_BYTES, parsePack } from '@/utils/presets/pack';
import { Preset } from '@/utils/presets/preset';
import { commitImport, loadLibrary, type PresetDb, savePersonalPreset } from '@/utils/presets/store';

const names: string[] = [];
const opened: Dexie[] = [];
function freshDb(): PresetDb {
  const name = `deskmate-pack-io-test-${names.length}-${Date.now()}`;
  names.push(name);
  const db = openDb(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const fixture = (name: string) => readFileSync(`tests/fixtures/packs/${name}`);
const asFile = (bytes: Uint8Array | string) => {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  // A copy: a Node Buffer may be a view into a larger shared pool.
  return { size: data.byteLength, arrayBuffer: async () => new Uint8Array(data).buffer };
};
const p = (id: string, extra: Record<string, unknown> = {}) =>
  Preset.parse({ id, name: `Preset ${id}`, kind: 'reply', template: 'Reply to {{conversation}}', ...extra });

describe('readPackFile → commitImport', () => {
  it('previews a first import as all added, then a newer version as added / updated / removed', async () => {
    const db = freshDb();
    const first = await readPackFile(db, asFile(fixture('acme-support-1.0.0.json')));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(first.preview.plan.source).toEqual({ type: 'file', pack: 'Acme Support' });
    expect(first.preview.plan.diff.added.map((x) => x.id)).toEqual([
      'outage-reply',
      'refund-reply',
      'handoff-payments',
    ]);
    await commitImport(db, first.preview.plan, 'confirm');

    const second = await readPackFile(db, asFile(fixture('acme-support-1.1.0.json')));
    if (!second.ok) throw new Error(JSON.stringify(second.errors));
    const { diff, pack } = second.preview.plan;
    expect(pack.version).toBe('1.1.0');
    expect(diff.added.map((x) => x.id)).toEqual(['shipping-delay']);
    expect(diff.updated.map((u) => u.after.id)).toEqual(['refund-reply']);
    expect(diff.updated[0]?.changes.map((c) => c.field)).toEqual(['name', 'template', 'tone', 'tags']);
    expect(diff.removed.map((x) => x.id)).toEqual(['handoff-payments']);
    expect(diff.unchanged.map((x) => x.id)).toEqual(['outage-reply']);
    await commitImport(db, second.preview.plan, 'confirm');
    const team = groupLibrary((await loadLibrary(db)).entries).team;
    expect(team).toHaveLength(1);
    expect(team[0]?.entries.map((e) => e.preset.id).sort()).toEqual([
      'outage-reply',
      'refund-reply',
      'shipping-delay',
    ]);
    expect(team[0]?.entries.every((e) => e.readOnly)).toBe(true);
  });

  it('never touches personal presets with the same id', async () => {
    const db = freshDb();
    await savePersonalPreset(db, p('refund-reply'));
    const read = await readPackFile(db, asFile(fixture('acme-support-1.0.0.json')));
    if (!read.ok) throw new Error('expected a preview');
    await commitImport(db, read.preview.plan, 'confirm');
    const groups = groupLibrary((await loadLibrary(db)).entries);
    expect(groups.personal.map((e) => e.preset.name)).toEqual(['Preset refund-reply']);
  });

  it('migrates a format-0 pack with its warnings', async () => {
    const read = await readPackFile(freshDb(), asFile(fixture('legacy-format-0.json')));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.preview.migratedFrom).toBe(0);
    expect(read.preview.plan.pack.version).toBe('2.0.0');
  });

  it('refuses a file over 1 MB before reading it', async () => {
    let read = false;
    const result = await readPackFile(freshDb(), {
      size: MAX_PACK_BYTES + 5000,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    });
    expect(read).toBe(false);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'too-large' }] });
    if (!result.ok) expect(result.errors[0]?.message).toContain('1,029 kB');
  });

  it('returns the parse problems with their place (JSON syntax, newer format)', async () => {
    const db = freshDb();
    const broken = await readPackFile(db, asFile('{\n  "schemaVersion": 1,\n  "name": "X",,\n}'));
    expect(broken).toMatchObject({ ok: false, errors: [{ code: 'json-syntax', line: 3 }] });
    const newer = await readPackFile(
      db,
      asFile(JSON.stringify({ schemaVersion: 9, name: 'X', version: '1.0.0', presets: [] })),
    );
    expect(newer).toMatchObject({ ok: false, errors: [{ code: 'newer-version', path: 'schemaVersion' }] });
    if (!newer.ok) expect(newer.errors[0]?.message).toContain('Update Deskmate');
  });

  it('lists what the pack carries besides presets', async () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      name: 'Extras',
      version: '1.0.0',
      presets: [p('a')],
      knowledge: [{ id: 'returns', title: 'Returns', text: '30 days' }],
      redaction: { teamPatterns: [{ label: 'ORDER', pattern: 'ORD-\\d{6}' }] },
    });
    const read = await readPackFile(freshDb(), asFile(text));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.preview.extras).toEqual([
      '1 knowledge snippet',
      'redaction rules (1 pattern, 0 allowed values)',
    ]);
  });
});

describe('buildExport', () => {
  const meta = { name: 'Acme Support', version: '1.2.0', author: 'Dana', description: '' };

  it('writes a file that parses back to the same presets, with its file name', () => {
    const presets = [p('a'), BUILTIN_PRESETS[0] as Preset];
    const result = buildExport(presets, meta);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.fileName).toBe('acme-support-1.2.0.deskmate-pack.json');
    const parsed = parsePack(result.text);
    if (!parsed.ok) throw new Error('did not parse back');
    expect(parsed.pack.presets).toEqual(presets);
    expect(parsed.pack.author).toBe('Dana');
    expect(parsed.pack).not.toHaveProperty('description');
  });

  it('gives a message per field and refuses an empty choice', () => {
    const result = buildExport([], { name: ' ', version: '1.2', author: '', description: '' });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'A pack needs a name.',
        version: 'The version must be a semantic version such as 1.0.0 or 2.3.1-beta.1.',
        presets: 'Choose at least one preset to export.',
      },
    });
  });

  it('refuses two presets with the same id', () => {
    const result = buildExport([p('a'), p('a', { name: 'Other' })], meta);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.presets).toContain('“a”');
  });
});

describe('preview values', () => {
  it('shows values on one short line', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue([])).toBe('—');
    expect(showValue('a\n  b')).toBe('a ⏎ b');
    expect(showValue(['x', 'y'])).toBe('["x","y"]');
    expect(showValue('z'.repeat(500))).toHaveLength(160);
    expect(describeChange({ field: 'tone', before: 'clear', after: 'kind' })).toEqual({
      field: 'tone',
      before: 'clear',
      after: 'kind',
    });
  });

  it('file imports live in a file source named after the pack', () => {
    expect(fileImportSource({ name: 'Acme' })).toEqual({ type: 'file', pack: 'Acme' });
  });
});
