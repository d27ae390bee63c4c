import { z } from 'zod';
import { t } from '../i18n/t';
import { compileTeamPatterns, type RedactionConfig, TeamPatternError } from './engine';
import { DETECTOR_IDS } from './types';

// Privacy settings (storage key 'local:privacy'). Shareable, no secrets. Validated with zod wherever they are
// read; the engine itself takes the plain RedactionConfig.

export const PRIVACY_SETTINGS_KEY = 'local:privacy';

export const DetectorIdSchema = z.enum(DETECTOR_IDS);

export const TeamPatternSchema = z
  .object({
    label: z.string().regex(/^[A-Z][A-Z0-9]{0,23}$/, { error: () => t('core_privacy_label_rule') }),
    pattern: z.string().min(1).max(500),
    caseInsensitive: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    try {
      compileTeamPatterns([p]);
    } catch (error) {
      if (error instanceof TeamPatternError) ctx.addIssue({ code: 'custom', message: error.message });
      else throw error;
    }
  });
export type TeamPatternSetting = z.infer<typeof TeamPatternSchema>;

export const PrivacySettings = z.object({
  /** Redaction before every model call; on unless the agent turns it off. */
  enabled: z.boolean().default(true),
  /** Detectors switched off (all on by default). */
  disabledDetectors: z.array(DetectorIdSchema).default([]),
  /** Helpdesk adapter ids ('zendesk', …) for which redaction is off. */
  disabledHelpdesks: z.array(z.string().min(1).max(50)).max(100).default([]),
  allowList: z.array(z.string().min(1).max(300)).max(500).default([]),
  /** Team-defined patterns (packs will ship them later; today they are typed in the options page). */
  teamPatterns: z.array(TeamPatternSchema).max(100).default([]),
  /** The Draft/Summarize buttons open the payload preview first; a confirm button sends. */
  requirePreview: z.boolean().default(false),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const DEFAULT_PRIVACY: PrivacySettings = PrivacySettings.parse({});

/** A stored value that fails validation falls back to the defaults (redaction on), with the reason. */
export function parsePrivacySettings(raw: unknown): { settings: PrivacySettings; warning?: string } {
  if (raw == null) return { settings: DEFAULT_PRIVACY };
  const parsed = PrivacySettings.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  return {
    settings: DEFAULT_PRIVACY,
    warning: t('core_privacy_settings_invalid', parsed.error.issues.map((i) => i.message).join('; ')),
  };
}

/** The engine's config for one ticket's helpdesk, or null when redaction is off for it. */
export function redactionConfigFor(settings: PrivacySettings, helpdesk: string): RedactionConfig | null {
  if (!settings.enabled || settings.disabledHelpdesks.includes(helpdesk)) return null;
  return {
    disabled: settings.disabledDetectors,
    allowList: settings.allowList,
    teamPatterns: settings.teamPatterns,
  };
}
