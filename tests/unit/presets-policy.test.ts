import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { exportPack } from '@/utils/presets/pack';
import {
  canEditProviders,
  isBaseUrlAllowed,
  loadPolicy,
  POLICY_KEYS,
  policySources,
  providerPolicyProblem,
  readPolicy,
} from '@/utils/presets/policy';
import { Preset } from '@/utils/presets/preset';

const packText = exportPack(
  [
    Preset.parse({
      id: 'outage',
      name: 'Outage reply',
      kind: 'reply',
      template: 'Reply to {{conversation}}',
    }),
  ],
  { name: 'IT policy pack', version: '1.0.0' },
);

beforeEach(() => fakeBrowser.reset());

describe('readPolicy', () => {
  it('no policy is not managed and not a warning', () => {
    expect(readPolicy(undefined)).toMatchObject({ managed: false, warnings: [] });
    expect(readPolicy({})).toMatchObject({ managed: false, warnings: [] });
  });

  it('reads a full, valid policy', () => {
    const { policy, warnings, managed } = readPolicy({
      packUrls: [
        'https://intranet.acme.test/packs/support.json',
        'https://intranet.acme.test/packs/support.json',
      ],
      inlinePacks: [packText, JSON.parse(packText)],
      packRefreshHours: 4,
      allowedBaseUrls: ['https://llm.acme.test/v1/'],
      disablePresetSync: true,
    });
    expect(warnings).toEqual([]);
    expect(managed).toBe(true);
    expect(policy.packUrls).toEqual(['https://intranet.acme.test/packs/support.json']);
    expect(policy.inlinePacks.map((p) => p.name)).toEqual(['IT policy pack', 'IT policy pack']);
    expect(policy.allowedBaseUrls).toEqual(['https://llm.acme.test/v1']);
    expect(policy).toMatchObject({
      packRefreshHours: 4,
      disablePresetSync: true,
      disablePersonalProviders: false,
    });
    expect(policySources(policy)).toEqual([
      { type: 'policy', ref: 'https://intranet.acme.test/packs/support.json' },
      { type: 'policy', ref: 'inline:0' },
      { type: 'policy', ref: 'inline:1' },
    ]);
  });

  it('ignores each bad field with its own warning and keeps the good ones', () => {
    const { policy, warnings } = readPolicy({
      packUrls: ['http://intranet.acme.test/p.json', 'https://ok.test/p.json'],
      inlinePacks: ['{not json', JSON.stringify({ ...JSON.parse(packText), schemaVersion: 9 })],
      packRefreshHours: 0,
      allowedBaseUrls: 'https://llm.acme.test',
      requiredProvider: { model: 'gpt' },
      disablePersonalProviders: 'yes',
      colour: 'blue',
    });
    expect(policy.packUrls).toEqual(['https://ok.test/p.json']);
    expect(policy.inlinePacks).toEqual([]);
    expect(policy.packRefreshHours).toBeUndefined();
    expect(policy.allowedBaseUrls).toEqual([]);
    expect(policy.requiredProvider).toBeUndefined();
    expect(policy.disablePersonalProviders).toBe(false);
    expect(warnings).toEqual([
      'The policy setting “colour” is not known to this Deskmate and was ignored.',
      expect.stringContaining('packUrls[0] was ignored: Pack links must start with https://'),
      expect.stringContaining('inlinePacks[0] is not valid JSON'),
      expect.stringContaining('inlinePacks[1] was ignored: This pack was made by a newer Deskmate'),
      expect.stringContaining('packRefreshHours'),
      expect.stringContaining('allowedBaseUrls must be a list'),
      expect.stringContaining('requiredProvider must be'),
      'disablePersonalProviders must be true or false; it was ignored.',
    ]);
  });

  it('a policy that is not an object is ignored', () => {
    expect(readPolicy('packUrls=x')).toMatchObject({
      managed: false,
      warnings: [expect.stringContaining('not an object')],
    });
  });

  it('warns when personal providers are off and none is required', () => {
    const { warnings, policy } = readPolicy({ disablePersonalProviders: true });
    expect(warnings[0]).toContain('no model can be used');
    expect(canEditProviders(policy)).toBe(false);
    expect(providerPolicyProblem(policy, { baseURL: 'https://api.openai.com/v1', model: 'x' })).toContain(
      'turned off personal model providers',
    );
  });
});

describe('provider rules', () => {
  it('an allow-list matches whole path segments on the same origin', () => {
    const { policy } = readPolicy({ allowedBaseUrls: ['https://llm.acme.test/v1'] });
    expect(isBaseUrlAllowed(policy, 'https://llm.acme.test/v1')).toBe(true);
    expect(isBaseUrlAllowed(policy, 'https://llm.acme.test/v1/')).toBe(true);
    expect(isBaseUrlAllowed(policy, 'https://llm.acme.test/v1/deployments/x')).toBe(true);
    expect(isBaseUrlAllowed(policy, 'https://llm.acme.test/v10')).toBe(false);
    expect(isBaseUrlAllowed(policy, 'https://llm.acme.test.evil.test/v1')).toBe(false);
    expect(isBaseUrlAllowed(policy, 'http://llm.acme.test/v1')).toBe(false);
    expect(providerPolicyProblem(policy, { baseURL: 'https://api.openai.com/v1', model: 'm' })).toBe(
      'Your administrator allows only these model endpoints: https://llm.acme.test/v1.',
    );
    expect(
      providerPolicyProblem(readPolicy({}).policy, { baseURL: 'https://any.test', model: 'm' }),
    ).toBeNull();
  });

  it('a required provider is the only one, with its model', () => {
    const { policy, warnings } = readPolicy({
      allowedBaseUrls: ['https://other.test'],
      requiredProvider: { baseURL: 'https://llm.acme.test/v1/', model: 'acme-large' },
      disablePersonalProviders: true,
    });
    expect(warnings).toEqual([expect.stringContaining('allowedBaseUrls has no effect')]);
    expect(
      providerPolicyProblem(policy, { baseURL: 'https://llm.acme.test/v1', model: 'acme-large' }),
    ).toBeNull();
    expect(providerPolicyProblem(policy, { baseURL: 'https://llm.acme.test/v1', model: 'small' })).toContain(
      'requires the model “acme-large”',
    );
    expect(providerPolicyProblem(policy, { baseURL: 'https://other.test', model: 'acme-large' })).toContain(
      'requires the model endpoint https://llm.acme.test/v1',
    );
  });
});

describe('loadPolicy from storage.managed', () => {
  it('reads what the administrator set (faked storage.managed)', async () => {
    await fakeBrowser.storage.managed.set({
      packUrls: ['https://intranet.acme.test/p.json'],
      inlinePacks: [packText],
    });
    const result = await loadPolicy(fakeBrowser.storage.managed);
    expect(result.managed).toBe(true);
    expect(result.policy.inlinePacks[0]?.presets[0]?.id).toBe('outage');
  });

  it('a storage that throws (Firefox without policies) means no policy', async () => {
    const result = await loadPolicy({
      get: () => Promise.reject(new Error('Managed storage manifest not found')),
    });
    expect(result).toMatchObject({ managed: false, warnings: [] });
  });
});

describe('public/managed_schema.json', () => {
  it('declares exactly the settings readPolicy understands', () => {
    const schema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    expect(schema.type).toBe('object');
  });
});
