import Dexie, { type EntityTable } from 'dexie';
import { searchWordsOf, WORD_FIELDS } from './history/words';
import { declareKnowledgeTables, type KnowledgeTables } from './knowledge/db-tables';
import type { KnowledgeGenerationInfo } from './knowledge/record';
import type { ContextWindowInfo, GenerationKind, TokenCountMethod, TrimReport } from './messaging/protocol';
import { declarePresetTables, type PresetTables } from './presets/db-tables';

// Dexie lives in the extension origin: the background, side panel and options page share it;
// content scripts and web pages cannot reach it. That is why the API key is stored here.

export type GenerationOutcome = 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'error';

export interface GenerationRecord {
  id?: number;
  ticketKey: string;
  kind: GenerationKind;
  model: string;
  /** Characters of prompt sent, a cheap size estimate (tokens ≈ chars / 4). */
  promptChars: number;
  output: string;
  startedAt: number;
  finishedAt?: number;
  outcome: GenerationOutcome;
  errorCode?: string;
  errorMessage?: string;
  /** Text arrived, then the answer was cut off (error or interruption): the panel offers Continue. */
  incomplete?: boolean;
  inserted?: boolean;
  // Local quality metrics (utils/metrics/store.ts): set when the agent inserts or copies this draft. The final
  // text itself is not stored, only how much of the AI text it changed.
  insertedAt?: number;
  insertMethod?: 'insert' | 'copy';
  editRate?: number;
  insertedChars?: number;
  presetId?: string;
  presetName?: string;
  // Token budget and cost (plain fields, no index: no new Dexie version needed).
  promptTokens?: number;
  tokenCountMethod?: TokenCountMethod;
  contextWindow?: ContextWindowInfo;
  /** What was left out to fit the window; null when the whole thread was sent. */
  trimmed?: TrimReport | null;
  outputTokens?: number;
  /** Prompt + answer in USD (prompt only while streaming); null when no price is known. */
  costUsd?: number | null;
  // The ticket's human label for the history page (utils/history/label.ts), stored when the generation starts.
  // The subject is customer text: shown as text only; it goes with the record on retention and delete-all.
  ticketSubject?: string;
  helpdesk?: string;
  ticketUrl?: string;
  /** Team knowledge the generation carried: snippets sent (K ids), cited, missing, dropped. Plain field. */
  knowledge?: KnowledgeGenerationInfo;
  /** The words it can be found by (utils/history/words.ts), kept current by the hooks in openDb (index v4). */
  searchWords?: string[];
}

export interface DraftVersion {
  /** 'ai' versions point at a generation; 'agent' versions are the agent's own text kept on regenerate. */
  source: 'ai' | 'agent';
  generationId?: number;
  text: string;
  createdAt: number;
  /** What made an AI version ("Shorter", "Instruction: …", a preset's name); absent for a plain draft. */
  label?: string;
}

export interface DraftRecord {
  ticketKey: string;
  /** The text in the draft box: the agent's. */
  text: string;
  /** True once the agent typed in the box since the last AI version began; streams then stop writing into it. */
  edited: boolean;
  /** The draft generation the box is following while it is not edited. */
  followsGenerationId?: number;
  versions: DraftVersion[];
  /** The agent's "Reply in" choice for this ticket; absent = the customer's language (not indexed). */
  replyLanguage?: string;
  /** Knowledge pinned and removed for this ticket (utils/panel/knowledge-choice.ts; plain field, not indexed). */
  knowledge?: unknown;
  updatedAt: number;
}

/** When the agent first opened a ticket in the panel (quality metrics: time from first view to insert). */
export interface TicketViewRecord {
  ticketKey: string;
  firstViewedAt: number;
}

export interface SecretRecord {
  id: string;
  value: string;
}

export type DeskmateDb = Dexie & {
  generations: EntityTable<GenerationRecord, 'id'>;
  drafts: EntityTable<DraftRecord, 'ticketKey'>;
  secrets: EntityTable<SecretRecord, 'id'>;
  ticketViews: EntityTable<TicketViewRecord, 'ticketKey'>;
} & PresetTables &
  KnowledgeTables;

export const DB_NAME = 'deskmate';

/** Every version stays listed with its upgrade; never edit a shipped version, add the next. */
export function openDb(name = DB_NAME): DeskmateDb {
  const db = new Dexie(name) as DeskmateDb;
  db.version(1).stores({
    generations: '++id, ticketKey, kind, startedAt, [ticketKey+kind]',
    drafts: 'ticketKey, updatedAt',
    secrets: 'id',
  });
  // 2: first views of tickets, for the local quality metrics. No data to move.
  db.version(2).stores({ ticketViews: 'ticketKey, firstViewedAt' });
  // 3: prompt presets and team packs (utils/presets/db-tables.ts). New tables only.
  declarePresetTables(db, 3);
  // 4: the history search's word index (utils/history/words.ts). Existing generations get their words here, so a
  // search finds them without reading every stored text.
  db.version(4)
    .stores({ generations: '++id, ticketKey, kind, startedAt, [ticketKey+kind], *searchWords' })
    .upgrade((tx) =>
      tx
        .table<GenerationRecord, number>('generations')
        .toCollection()
        .modify((g) => {
          g.searchWords = searchWordsOf(g);
        }),
    );
  // 5: knowledge snippets (utils/knowledge/db-tables.ts). New table only.
  declareKnowledgeTables(db, 5);
  indexWords(db);
  return db;
}

/** Every write that changes what a generation can be found by recomputes its words (add, update, modify). */
function indexWords(db: DeskmateDb): void {
  db.generations.hook('creating', (_key, record) => {
    record.searchWords = searchWordsOf(record);
  });
  db.generations.hook('updating', (mods, _key, record) => {
    const changes = mods as Partial<GenerationRecord>;
    if (!WORD_FIELDS.some((field) => field in changes)) return undefined;
    return { searchWords: searchWordsOf({ ...record, ...changes }) };
  });
}

let shared: DeskmateDb | undefined;
export function db(): DeskmateDb {
  shared ??= openDb();
  return shared;
}

export const API_KEY_SECRET_ID = 'provider:default:apiKey';
