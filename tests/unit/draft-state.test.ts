import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '@/utils/db';
import {
  aiOriginOf,
  type DraftState,
  draftReducer,
  EMPTY_DRAFT,
  isDiverged,
} from '@/utils/panel/draft-state';

const run = (actions: Parameters<typeof draftReducer>[1][], from: DraftState = EMPTY_DRAFT) =>
  actions.reduce(draftReducer, from);

describe('draft ownership', () => {
  it('follows an AI stream while the agent has not typed', () => {
    const s = run([
      { type: 'ai-started', generationId: 1, at: 1 },
      { type: 'ai-text', generationId: 1, text: 'Hello' },
      { type: 'ai-text', generationId: 1, text: 'Hello Maria' },
    ]);
    expect(s.text).toBe('Hello Maria');
    expect(s.edited).toBe(false);
  });

  it('never overwrites the agent’s edits with a later stream', () => {
    const s = run([
      { type: 'ai-started', generationId: 1, at: 1 },
      { type: 'ai-text', generationId: 1, text: 'Hello' },
      { type: 'edit', text: 'Hello, my own words' },
      { type: 'ai-text', generationId: 1, text: 'Hello Maria, thanks' },
    ]);
    expect(s.text).toBe('Hello, my own words');
    expect(s.versions[0]?.text).toBe('Hello Maria, thanks');
    expect(isDiverged(s)).toBe(true);
  });

  it('regenerating over edited text keeps the agent’s text as a version and leaves the box alone', () => {
    const s = run([
      { type: 'ai-started', generationId: 1, at: 1 },
      { type: 'ai-text', generationId: 1, text: 'First AI' },
      { type: 'edit', text: 'First AI, edited' },
      { type: 'regenerate', at: 2 },
      { type: 'ai-started', generationId: 2, at: 3 },
      { type: 'ai-text', generationId: 2, text: 'Second AI' },
    ]);
    expect(s.text).toBe('First AI, edited');
    expect(s.versions.map((v) => [v.source, v.text])).toEqual([
      ['ai', 'First AI'],
      ['agent', 'First AI, edited'],
      ['ai', 'Second AI'],
    ]);
  });

  it('regenerating an untouched AI draft replaces the box but keeps the previous version reachable', () => {
    const s = run([
      { type: 'ai-started', generationId: 1, at: 1 },
      { type: 'ai-text', generationId: 1, text: 'First' },
      { type: 'regenerate', at: 2 },
      { type: 'ai-started', generationId: 2, at: 3 },
      { type: 'ai-text', generationId: 2, text: 'Second' },
    ]);
    expect(s.text).toBe('Second');
    expect(s.versions.map((v) => v.text)).toEqual(['First', 'Second']);
    const restored = draftReducer(s, { type: 'restore', index: 0, at: 4 });
    expect(restored.text).toBe('First');
    expect(restored.edited).toBe(true);
  });

  it('restores the text that arrived before the panel closed, from the generation checkpoint', () => {
    const generations: GenerationRecord[] = [
      {
        id: 7,
        ticketKey: 'k',
        kind: 'draft',
        model: 'm',
        promptChars: 10,
        output: 'Hello Maria, we refunded',
        startedAt: 1,
        outcome: 'interrupted',
      },
    ];
    const s = draftReducer(EMPTY_DRAFT, {
      type: 'load',
      record: {
        ticketKey: 'k',
        text: 'Hello',
        edited: false,
        followsGenerationId: 7,
        versions: [{ source: 'ai', generationId: 7, text: 'Hello', createdAt: 1 }],
        updatedAt: 1,
      },
      generations,
    });
    expect(s.text).toBe('Hello Maria, we refunded');
  });

  it('keeps an edited saved draft exactly as the agent left it', () => {
    const s = draftReducer(EMPTY_DRAFT, {
      type: 'load',
      record: {
        ticketKey: 'k',
        text: 'Mine',
        edited: true,
        followsGenerationId: 7,
        versions: [],
        updatedAt: 1,
      },
      generations: [
        {
          id: 7,
          ticketKey: 'k',
          kind: 'draft',
          model: 'm',
          promptChars: 1,
          output: 'AI text',
          startedAt: 1,
          outcome: 'complete',
        },
      ],
    });
    expect(s.text).toBe('Mine');
  });
});

describe('aiOriginOf (quality metrics)', () => {
  const ai = (generationId: number, text: string) => ({
    source: 'ai' as const,
    generationId,
    text,
    createdAt: 1,
  });
  it('is the AI version the box follows, else the latest AI version, else null', () => {
    expect(aiOriginOf({ ...EMPTY_DRAFT, text: 'mine', edited: true })).toBeNull();
    const versions = [
      ai(1, 'first'),
      { source: 'agent' as const, text: 'typed', createdAt: 2 },
      ai(2, 'second'),
    ];
    expect(aiOriginOf({ text: 'x', edited: true, versions, followsGenerationId: 1 })).toEqual({
      generationId: 1,
      aiText: 'first',
    });
    expect(aiOriginOf({ text: 'x', edited: true, versions })).toEqual({ generationId: 2, aiText: 'second' });
  });
});
