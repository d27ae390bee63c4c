import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRESETS } from '@/utils/presets/builtin';
import {
  exportPack,
  MAX_PACK_BYTES,
  migrateV0,
  PackExportError,
  packFileName,
  parsePack,
  renameV0Variables,
} from '@/utils/presets/pack';

const preset = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Preset ${id}`,
  kind: 'reply',
  template: 'Reply to {{latest_customer_message}} as {{agent.name}}.',
  ...extra,
});

const pack = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  name: 'Acme Support',
  version: '1.2.0',
  author: 'Team Lead',
  presets: [preset('refund'), preset('outage')],
  ...extra,
});

const errorsOf = (input: string | Uint8Array) => {
  const result = parsePack(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('parsePack: good packs', () => {
  it('reads a pack with defaults filled, from text and from bytes', () => {
    const text = JSON.stringify(pack());
    const result = parsePack(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.presets.map((p) => p.id)).toEqual(['refund', 'outage']);
    expect(result.pack.presets[0]).toMatchObject({ description: '', tags: [], variables: [] });
    expect(result.pack.knowledge).toEqual([]);
    expect(result.migratedFrom).toBeUndefined();
    const fromBytes = parsePack(new TextEncoder().encode(`\uFEFF${text}`));
    expect(fromBytes.ok && fromBytes.pack).toEqual(result.pack);
  });

  it('accepts knowledge, redaction rules and selector overrides in the shapes the app already uses', () => {
    const result = parsePack(
      JSON.stringify(
        pack({
          knowledge: [{ id: 'returns', title: 'Returns policy', text: '30 days, unused.' }],
          redaction: {
            teamPatterns: [{ label: 'ORDER', pattern: 'ORD-\\d{6}' }],
            allowList: ['support@acme.com'],
          },
          selectorOverrides: { zendesk: { subject: ['h1.ticket-title'] } },
        }),
      ),
    );
    expect(result.ok).toBe(true);
  });
});

describe('parsePack: bad input gets a specific message and a path', () => {
  it('malformed JSON: line and column', () => {
    const [error] = errorsOf('{\n  "name": "x",\n  oops\n}');
    expect(error).toMatchObject({ path: '', line: 3, column: 3 });
    expect(error!.message).toMatch(/not valid JSON at line 3, column 3/);
  });

  it('truncated JSON: points at the end', () => {
    const [error] = errorsOf('{\n  "name": ');
    expect(error).toMatchObject({ line: 2, column: 11 });
  });

  it('empty files, non-objects and non-UTF-8 bytes', () => {
    expect(errorsOf('  ')[0]!.message).toBe('This file is empty.');
    expect(errorsOf('[1,2]')[0]!.message).toContain('one JSON object');
    expect(errorsOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]))[0]!.message).toContain('not UTF-8');
  });

  it('a newer schemaVersion says to update Deskmate', () => {
    const [error] = errorsOf(JSON.stringify(pack({ schemaVersion: 2 })));
    expect(error!.path).toBe('schemaVersion');
    expect(error!.message).toContain('made by a newer Deskmate');
    expect(error!.message).toContain('Update Deskmate');
    expect(errorsOf(JSON.stringify(pack({ schemaVersion: '1' })))[0]!.message).toContain('whole number');
  });

  it('over 1 MB is refused before parsing', () => {
    const big = JSON.stringify(pack({ description: 'x'.repeat(MAX_PACK_BYTES) }));
    const [error] = errorsOf(big);
    expect(error!.message).toContain('up to 1,024 kB (1 MB)');
    expect(errorsOf(new Uint8Array(MAX_PACK_BYTES + 1))[0]!.message).toContain('Split it');
  });

  it('duplicate ids name both places', () => {
    const [error] = errorsOf(JSON.stringify(pack({ presets: [preset('a'), preset('b'), preset('a')] })));
    expect(error!.path).toBe('presets[2].id');
    expect(error!.message).toContain('“a” is used twice (also at presets[0])');
  });

  it('template errors and unknown variables carry the preset, the path and the template position', () => {
    const errors = errorsOf(
      JSON.stringify(
        pack({
          presets: [
            preset('ok'),
            preset('broken', { name: 'Refund', template: 'Hello\n{{ticket.subject' }),
            preset('unknown', { template: 'Dear {{customer_name}}' }),
          ],
        }),
      ),
    );
    expect(errors.map((e) => e.path)).toEqual(['presets[1].template', 'presets[2].template']);
    expect(errors[0]!.message).toContain('presets[1].template (preset “Refund”): line 2:1');
    expect(errors[1]!.message).toContain('unknown variable “customer_name”');
  });

  it('bad metadata fields', () => {
    const errors = errorsOf(JSON.stringify(pack({ version: 'v2', name: '' })));
    expect(errors.map((e) => e.path).sort()).toEqual(['name', 'version']);
    expect(errors.find((e) => e.path === 'version')!.message).toContain('semantic version');
  });

  it('a missing schemaVersion on a current-looking pack is named, not migrated', () => {
    const { schemaVersion: _, ...rest } = pack();
    expect(errorsOf(JSON.stringify(rest))[0]!.message).toContain('schemaVersion is missing');
  });
});

describe('format 0 → 1 migration', () => {
  const v0 = {
    title: 'Acme prompts',
    version: '3',
    author: 'Ops',
    prompts: [
      {
        key: 'Refund Reply',
        label: 'Refund',
        type: 'draft',
        prompt: 'Hi {{customer_name}}, about {{ subject }}:\n{{messages}}',
        tone: 'kind',
      },
      {
        key: 'sum',
        label: 'Summary',
        type: 'summary',
        prompt: 'Summarise {{thread}} on {{date}}. Literal \\{{x}}.',
      },
      { key: 'odd', label: 'Odd', type: 'macro', prompt: 'As {{agent}}: {{last_message}}' },
    ],
  };

  it('renames the old variables and keeps escapes', () => {
    expect(renameV0Variables('Hi {{customer_name}} \\{{literal}}')).toBe(
      'Hi {{ticket.requester.name}} \\{{literal\\}}',
    );
  });

  it('an old file is converted and validated as format 1', () => {
    const result = parsePack(JSON.stringify(v0));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.pack).toMatchObject({
      schemaVersion: 1,
      name: 'Acme prompts',
      version: '3.0.0',
      author: 'Ops',
    });
    expect(result.pack.presets.map((p) => [p.id, p.kind])).toEqual([
      ['refund-reply', 'reply'],
      ['sum', 'summary'],
      ['odd', 'custom'],
    ]);
    expect(result.pack.presets[0]!.template).toBe(
      'Hi {{ticket.requester.name}}, about {{ticket.subject}}:\n{{conversation}}',
    );
    expect(result.pack.presets[0]!.tone).toBe('kind');
    expect(result.warnings).toEqual(['prompts[2]: the old type “macro” became “custom”.']);
  });

  it('reports what the old format cannot carry, with a path', () => {
    const { pack: migrated, warnings } = migrateV0({ ...v0, version: 'spring', prompts: [] });
    expect(migrated).toMatchObject({ version: '0.0.0' });
    expect(warnings[0]).toContain('“spring”');
    const errors = errorsOf(
      JSON.stringify({ ...v0, prompts: [{ key: 'k', label: 'L', type: 'draft', prompt: '{{nope}}' }] }),
    );
    expect(errors[0]!.path).toBe('presets[0].template');
    expect(errorsOf(JSON.stringify({ schemaVersion: 0, title: 'x' }))[0]!.message).toContain(
      'not an older Deskmate pack',
    );
  });
});

describe('exportPack', () => {
  it('writes a file that imports to the same presets', () => {
    const text = exportPack(BUILTIN_PRESETS, { name: 'Built-ins', version: '1.0.0', author: 'Deskmate' });
    const result = parsePack(text);
    expect(result.ok && result.pack.presets).toEqual(BUILTIN_PRESETS);
    expect(JSON.parse(text).schemaVersion).toBe(1);
  });

  it('refuses to write a pack that would not import, naming the problem', () => {
    const p = BUILTIN_PRESETS[0]!;
    expect(() => exportPack([p, p], { name: 'Dup', version: '1.0.0' })).toThrow(PackExportError);
    expect(() => exportPack([p], { name: 'Bad', version: '1' })).toThrow(/semantic version/);
  });

  it('suggests a readable file name', () => {
    expect(packFileName({ name: 'Acme Support (EU)', version: '1.4.0' })).toBe(
      'acme-support-eu-1.4.0.deskmate-pack.json',
    );
  });
});

describe('fixture packs (tests/fixtures/packs, for the e2e)', () => {
  const read = (name: string) => readFileSync(`tests/fixtures/packs/${name}`);

  it('1.0.0 → 1.1.0: one unchanged, one updated, one added, one removed', async () => {
    const { diffPresets, summarizeDiff } = await import('@/utils/presets/import-diff');
    const v1 = parsePack(read('acme-support-1.0.0.json'));
    const v2 = parsePack(read('acme-support-1.1.0.json'));
    if (!v1.ok || !v2.ok) throw new Error('fixture packs must parse');
    const diff = diffPresets(v1.pack.presets, v2.pack.presets);
    expect(summarizeDiff(diff)).toBe('1 added, 1 updated, 1 removed, 1 unchanged');
    expect(diff.updated[0]!.changes.map((c) => c.field)).toEqual(['name', 'template', 'tone', 'tags']);
  });

  it('the format-0 file migrates', () => {
    const result = parsePack(read('legacy-format-0.json'));
    expect(result.ok && result.migratedFrom).toBe(0);
    expect(result.ok && result.pack.version).toBe('2.0.0');
  });
});
