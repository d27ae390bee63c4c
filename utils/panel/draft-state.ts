import type { DraftRecord, DraftVersion, GenerationRecord } from '../db';
import { LanguageCode } from '../ticket/language';
import { type KnowledgeChoice, parseChoice } from './knowledge-choice';

// The draft box belongs to the agent. AI text flows into it only while the agent has not typed since
// that AI version began; every AI output and every overwritten agent text stays reachable as a version.

export interface DraftState {
  text: string;
  edited: boolean;
  followsGenerationId?: number;
  versions: DraftVersion[];
  /** "Reply in": kept per ticket with the draft (a language belongs to a conversation, not to the agent). */
  replyLanguage?: LanguageCode;
  /** Snippets pinned and removed for this ticket (KnowledgeCard), kept with the draft. */
  knowledge?: KnowledgeChoice;
}

export const EMPTY_DRAFT: DraftState = { text: '', edited: false, versions: [] };

export type DraftAction =
  | { type: 'load'; record: DraftRecord | undefined; generations: GenerationRecord[] }
  | { type: 'edit'; text: string }
  /**
   * A new AI version is asked for. `replace`: the agent asked for their own text to be replaced (a rewrite
   * preset), so it is kept as a version and the new version streams into the box.
   */
  | { type: 'regenerate'; at: number; replace?: boolean }
  /** `label`: what made this version (a refinement or preset), shown in the versions list. */
  | { type: 'ai-started'; generationId: number; at: number; label?: string }
  | { type: 'ai-text'; generationId: number; text: string }
  | { type: 'restore'; index: number; at: number }
  /** A generation picked from the ticket's history becomes the draft: a version (added if missing), restored. */
  | { type: 'adopt'; generationId: number; text: string; at: number }
  | { type: 'reply-language'; language: LanguageCode | undefined }
  | { type: 'knowledge'; choice: KnowledgeChoice };

function keepAgentText(state: DraftState, at: number): DraftVersion[] {
  const text = state.text;
  if (!state.edited || text.trim() === '' || state.versions.some((v) => v.text === text))
    return state.versions;
  return [...state.versions, { source: 'agent', text, createdAt: at }];
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case 'load': {
      const record = action.record;
      if (!record) return EMPTY_DRAFT;
      const byId = new Map(action.generations.map((g) => [g.id, g]));
      // Generations are the source of truth for AI text: the background checkpoints them even when the panel
      // was closed mid-stream.
      const versions = record.versions.map((v) => {
        const g = v.generationId !== undefined ? byId.get(v.generationId) : undefined;
        return g && g.output.length > v.text.length ? { ...v, text: g.output } : v;
      });
      const followed = versions.find(
        (v) => v.generationId !== undefined && v.generationId === record.followsGenerationId,
      );
      const text = !record.edited && followed ? followed.text : record.text;
      // A stored value from an older or newer build that we do not know reads as "Auto".
      const language = LanguageCode.safeParse(record.replyLanguage);
      const knowledge = parseChoice(record.knowledge);
      return {
        ...(knowledge ? { knowledge } : {}),
        text,
        edited: record.edited,
        followsGenerationId: record.followsGenerationId,
        versions,
        ...(language.success ? { replyLanguage: language.data } : {}),
      };
    }
    case 'edit':
      return state.text === action.text ? state : { ...state, text: action.text, edited: true };
    case 'regenerate': {
      const versions = keepAgentText(state, action.at);
      return action.replace ? { ...state, versions, edited: false } : { ...state, versions };
    }
    case 'ai-started':
      return {
        ...state,
        text: state.edited ? state.text : '',
        edited: state.edited && state.text.trim() !== '' ? state.edited : false,
        followsGenerationId: action.generationId,
        versions: [
          ...state.versions,
          {
            source: 'ai',
            generationId: action.generationId,
            text: '',
            createdAt: action.at,
            ...(action.label ? { label: action.label } : {}),
          },
        ],
      };
    case 'ai-text': {
      const versions = state.versions.map((v) =>
        v.generationId === action.generationId ? { ...v, text: action.text } : v,
      );
      const following = !state.edited && state.followsGenerationId === action.generationId;
      return { ...state, versions, text: following ? action.text : state.text };
    }
    case 'reply-language': {
      const { replyLanguage: _previous, ...rest } = state;
      return action.language ? { ...rest, replyLanguage: action.language } : rest;
    }
    case 'knowledge':
      return { ...state, knowledge: action.choice };
    case 'adopt': {
      const known = state.versions.findIndex((v) => v.generationId === action.generationId);
      if (known >= 0) return draftReducer(state, { type: 'restore', index: known, at: action.at });
      const version: DraftVersion = {
        source: 'ai',
        generationId: action.generationId,
        text: action.text,
        createdAt: action.at,
      };
      const withVersion = { ...state, versions: [...state.versions, version] };
      return draftReducer(withVersion, {
        type: 'restore',
        index: withVersion.versions.length - 1,
        at: action.at,
      });
    }
    case 'restore': {
      const version = state.versions[action.index];
      if (!version) return state;
      return {
        ...state,
        text: version.text,
        edited: true,
        followsGenerationId: undefined,
        versions: keepAgentText(state, action.at),
      };
    }
  }
}

/** The agent typed while an AI version was streaming: that version continues in the list, not in the box. */
export function isDiverged(state: DraftState): boolean {
  return state.edited && state.followsGenerationId !== undefined;
}

export function toRecord(ticketKey: string, state: DraftState, now: number): DraftRecord {
  return {
    ticketKey,
    text: state.text,
    edited: state.edited,
    ...(state.followsGenerationId !== undefined ? { followsGenerationId: state.followsGenerationId } : {}),
    versions: state.versions,
    ...(state.replyLanguage ? { replyLanguage: state.replyLanguage } : {}),
    ...(state.knowledge ? { knowledge: state.knowledge } : {}),
    updatedAt: now,
  };
}

/**
 * The AI text the draft comes from, for the quality metrics: the version the box follows, else the latest AI
 * version (the agent edited it since). Null when no AI text is involved (the agent wrote it all).
 */
export function aiOriginOf(state: DraftState): { generationId: number; aiText: string } | null {
  const ai = state.versions.filter((v) => v.source === 'ai' && v.generationId !== undefined);
  const origin = ai.find((v) => v.generationId === state.followsGenerationId) ?? ai.at(-1);
  return origin?.generationId !== undefined
    ? { generationId: origin.generationId, aiText: origin.text }
    : null;
}
