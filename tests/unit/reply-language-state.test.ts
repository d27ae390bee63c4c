import { describe, expect, it } from 'vitest';
import { draftReducer, EMPTY_DRAFT, toRecord } from '@/utils/panel/draft-state';

// The "Reply in" choice lives with the ticket's draft: saved with it, restored with it, kept through AI runs.

describe('draft state: reply language', () => {
  it('is set, kept through a generation and a restore, saved in the record and cleared by "Auto"', () => {
    let state = draftReducer(EMPTY_DRAFT, { type: 'reply-language', language: 'en' });
    expect(state.replyLanguage).toBe('en');
    state = draftReducer(state, { type: 'ai-started', generationId: 1, at: 1 });
    state = draftReducer(state, { type: 'ai-text', generationId: 1, text: 'Hello' });
    state = draftReducer(state, { type: 'restore', index: 0, at: 2 });
    expect(state.replyLanguage).toBe('en');
    expect(toRecord('k', state, 3).replyLanguage).toBe('en');
    state = draftReducer(state, { type: 'reply-language', language: undefined });
    expect(state).not.toHaveProperty('replyLanguage');
    expect(toRecord('k', state, 4)).not.toHaveProperty('replyLanguage');
  });

  it('is restored from the stored draft; an unknown stored value reads as Auto', () => {
    const base = { ticketKey: 'k', text: '', edited: false, versions: [], updatedAt: 1 };
    expect(
      draftReducer(EMPTY_DRAFT, { type: 'load', record: { ...base, replyLanguage: 'de' }, generations: [] }),
    ).toMatchObject({ replyLanguage: 'de' });
    expect(
      draftReducer(EMPTY_DRAFT, { type: 'load', record: { ...base, replyLanguage: 'tlh' }, generations: [] }),
    ).not.toHaveProperty('replyLanguage');
  });
});
