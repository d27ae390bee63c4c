import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftFromPreset,
  draftToInput,
  emptyDraft,
  fieldError,
  fieldLabel,
  idFromName,
} from '@/utils/options/preset-editor';
import { BUILTIN_PRESETS } from '@/utils/presets/builtin';
import { Preset } from '@/utils/presets/preset';

const valid = () => ({
  ...emptyDraft(),
  id: 'refund-eu',
  name: 'Refund (EU)',
  kind: 'reply' as const,
  template: 'Reply to {{latest_customer_message}} within {{return_window}}.',
  variables: [{ name: 'return_window', default: '14 days' }],
});

describe('draftFromPreset / draftToInput', () => {
  it('round-trips every built-in preset unchanged', () => {
    for (const preset of BUILTIN_PRESETS)
      expect(Preset.parse(draftToInput(draftFromPreset(preset)))).toEqual(preset);
  });

  it('leaves empty optional fields out and splits tags', () => {
    const input = draftToInput({ ...valid(), tags: ' refund, , billing ,', tone: '  ', languageMode: '' });
    expect(input).not.toHaveProperty('tone');
    expect(input).not.toHaveProperty('language');
    expect(input).not.toHaveProperty('model');
    expect(input.tags).toEqual(['refund', 'billing']);
  });

  it('writes a fixed language and a model hint', () => {
    const input = draftToInput({
      ...valid(),
      languageMode: 'fixed',
      languageTag: ' de ',
      modelProvider: 'openai',
      modelName: 'gpt-4.1-mini',
      length: 'short',
    });
    expect(input.language).toEqual({ mode: 'fixed', language: 'de' });
    expect(input.model).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(input.length).toBe('short');
  });
});

describe('checkDraft', () => {
  it('passes a valid draft and returns the preset', () => {
    const check = checkDraft(valid());
    expect(check.blocking).toEqual([]);
    expect(check.preset?.id).toBe('refund-eu');
  });

  it('lists an unknown variable once, with line:column and the suggestion, and blocks saving', () => {
    const check = checkDraft({ ...valid(), template: 'Hello\nDear {{ticket.requestor.name}},' });
    const errors = check.template.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('line 2:6');
    expect(errors[0]?.message).toContain('Did you mean “ticket.requester.name”?');
    // Not repeated as a field problem (the schema reports the same lint error under `template`).
    expect(check.fields.filter((f) => f.field === 'template')).toEqual([]);
    expect(check.blocking).toHaveLength(1);
    expect(check.blocking[0]).toMatch(/^Template, line 2:6: unknown variable/);
    expect(check.preset).toBeUndefined();
  });

  it('reports an unclosed placeholder as a syntax error', () => {
    const check = checkDraft({ ...valid(), template: 'Reply to {{latest_customer_message' });
    expect(check.template.some((p) => p.code === 'unclosed' && p.severity === 'error')).toBe(true);
    expect(check.blocking.length).toBeGreaterThan(0);
  });

  it('maps schema problems to their fields, variable rows included', () => {
    const check = checkDraft({
      ...valid(),
      id: 'Bad Id',
      name: ' ',
      languageMode: 'fixed',
      languageTag: 'not a tag',
      modelProvider: 'openai',
      variables: [
        { name: 'return_window', default: '' },
        { name: 'ticket', default: '' },
      ],
    });
    expect(fieldError(check, 'id')).toMatch(/lower-case/);
    expect(fieldError(check, 'name')).toBe('A preset needs a name.');
    expect(fieldError(check, 'language')).toMatch(/language tag/);
    expect(check.fields.find((f) => f.field === 'model')?.path).toBe('model.model');
    expect(fieldError(check, 'variables.1.name')).toMatch(/built-in variable/);
    expect(check.blocking).toContain(
      'Variable 2 name: This name belongs to a built-in variable; choose another.',
    );
  });

  it('a custom variable used in the template but not declared is unknown; declaring it fixes it', () => {
    const undeclared = checkDraft({ ...valid(), variables: [] });
    expect(undeclared.template[0]?.message).toContain('unknown variable “return_window”');
    expect(checkDraft(valid()).template).toEqual([]);
  });

  it('shows warnings without blocking (a rewrite without {{draft}})', () => {
    const check = checkDraft({ ...valid(), kind: 'rewrite' });
    expect(check.template.map((p) => p.severity)).toEqual(['warning']);
    expect(check.blocking).toEqual([]);
  });

  it('words size limits for people', () => {
    const check = checkDraft({
      ...valid(),
      name: 'n'.repeat(81),
      tags: `ok, ${'t'.repeat(41)}`,
      modelProvider: 'openai',
    });
    expect(fieldError(check, 'name')).toBe('At most 80 characters.');
    expect(fieldError(check, 'tags')).toBe('Each tag is at most 40 characters.');
    expect(fieldError(check, 'model')).toBe(
      'Give the model name too, or leave both model hint fields empty.',
    );
  });

  it('an empty template is a field problem of the template', () => {
    const check = checkDraft({ ...valid(), template: '' });
    expect(fieldError(check, 'template')).toBe('The template is empty.');
  });
});

describe('labels and ids', () => {
  it('names fields as the form does', () => {
    expect(fieldLabel('variables.0.default')).toBe('Variable 1 default');
    expect(fieldLabel('model')).toBe('Model hint');
  });

  it('suggests an id from a name', () => {
    expect(idFromName('Refund reply (EU)')).toBe('refund-reply-eu');
    expect(idFromName('Ünïcode — ok')).toBe('unicode-ok');
    expect(idFromName('')).toBe('');
  });
});

describe('a variable row just added', () => {
  it('blocks saving without becoming a known variable called ""', () => {
    const check = checkDraft({ ...valid(), variables: [...valid().variables, { name: '', default: '' }] });
    expect(check.template).toEqual([]);
    expect(check.blocking).toEqual([expect.stringMatching(/^Variable 2 name: A variable name is/)]);
  });

  it('with a template error too, the error is listed once', () => {
    const check = checkDraft({
      ...valid(),
      template: 'Hi {{ticket.subjct}} {{return_window}}',
      variables: [...valid().variables, { name: '', default: '' }],
    });
    expect(check.template).toHaveLength(1);
    expect(check.fields.map((f) => f.field)).toEqual(['variables.1.name']);
    expect(check.blocking).toHaveLength(2);
  });
});
