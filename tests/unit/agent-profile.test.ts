import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { loadAgentProfile, parseAgentProfile, saveAgentProfile } from '@/utils/agent-profile';
import { builtinPreset } from '@/utils/presets/builtin';
import { preparePayload } from '@/utils/privacy/payload';
import { DEFAULT_PRIVACY } from '@/utils/privacy/settings';
import { sampleTicket } from './sample-ticket';

describe('agent profile', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults to empty, trims, and refuses values that are too long', async () => {
    expect(await loadAgentProfile()).toEqual({ name: '', signature: '', team: '' });
    await saveAgentProfile({ name: '  Ana Lind ', signature: 'Ana · Acme', team: 'Billing' });
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Lind', signature: 'Ana · Acme', team: 'Billing' });
    await expect(saveAgentProfile({ name: 'x'.repeat(101), signature: '', team: '' })).rejects.toThrow();
    expect(parseAgentProfile({ name: 42 })).toEqual({ name: '', signature: '', team: '' });
  });

  it('drafts are written as the agent, and presets fill {{agent.name}} / {{team.name}} as instructions', () => {
    const ticket = sampleTicket('I was charged twice.');
    const agent = { name: 'Ana Lind', signature: '', team: 'Billing' };
    const draft = preparePayload('draft', ticket, DEFAULT_PRIVACY, 'n'.repeat(32), { agent });
    expect(String(draft.messages[0]?.content)).toContain('called Ana Lind');

    const handoff = builtinPreset('handoff-note');
    if (!handoff) throw new Error('no handoff preset');
    const withPreset = preparePayload('summary', ticket, DEFAULT_PRIVACY, 'n'.repeat(32), {
      agent,
      preset: { preset: handoff },
    });
    const system = String(withPreset.messages[0]?.content);
    expect(system).toContain('Ana Lind Billing');
    // The ticket's own text never moves into the instructions.
    expect(system).not.toContain('I was charged twice.');
  });
});
