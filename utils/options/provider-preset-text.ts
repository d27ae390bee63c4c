import { type MessageKey, t } from '../i18n/t';
import type { PresetId, ProviderPreset } from '../providers/presets';

// The provider presets' words as the options page shows them. utils/providers/presets.ts stays English data (the
// README table and the default provider name are written from it); the page reads names and setup notes here.

const LABELS: Partial<Record<PresetId, MessageKey>> = {
  litellm: 'options_preset_label_litellm',
  anthropic: 'options_preset_label_anthropic',
  gemini: 'options_preset_label_gemini',
  custom: 'options_preset_label_custom',
  'chrome-ai': 'options_preset_label_chrome_ai',
};

const SETUP_NOTES: Record<PresetId, MessageKey> = {
  openai: 'options_preset_note_openai',
  'azure-openai': 'options_preset_note_azure',
  ollama: 'options_preset_note_ollama',
  'lm-studio': 'options_preset_note_lm_studio',
  vllm: 'options_preset_note_vllm',
  openrouter: 'options_preset_note_openrouter',
  litellm: 'options_preset_note_litellm',
  groq: 'options_preset_note_groq',
  mistral: 'options_preset_note_mistral',
  anthropic: 'options_preset_note_anthropic',
  gemini: 'options_preset_note_gemini',
  custom: 'options_preset_note_custom',
  'chrome-ai': 'options_preset_note_chrome_ai',
};

/** A preset's name in the UI language (product names stay as they are). */
export function presetLabel(preset: Pick<ProviderPreset, 'id' | 'label'>): string {
  const key = LABELS[preset.id];
  return key ? t(key) : preset.label;
}

/** What the agent (or their admin) has to do once for this kind of endpoint, in the UI language. */
export function presetSetupNote(preset: Pick<ProviderPreset, 'id'>): string {
  return t(SETUP_NOTES[preset.id]);
}
