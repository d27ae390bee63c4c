import { t } from '../i18n/t';
import { compileTeamPatterns, type TeamPattern, TeamPatternError } from './engine';
import { PrivacySettings } from './settings';

// The privacy form in the options page as plain functions (tested without React). Team patterns are typed one
// per line as "LABEL: regex" ("LABEL/i: regex" for case-insensitive); the allow-list one value per line.

export function teamPatternsToText(patterns: readonly TeamPattern[]): string {
  return patterns.map((p) => `${p.label}${p.caseInsensitive ? '/i' : ''}: ${p.pattern}`).join('\n');
}

export type ParsedLines<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseTeamPatterns(text: string): ParsedLines<TeamPattern[]> {
  const patterns: TeamPattern[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = /^([^:\s/]+)(\/i)?\s*:\s*(.+)$/.exec(line);
    if (!m) return { ok: false, error: t('core_privacy_line_format', i + 1) };
    const pattern: TeamPattern = { label: m[1]!, pattern: m[3]!, ...(m[2] ? { caseInsensitive: true } : {}) };
    try {
      compileTeamPatterns([pattern]);
    } catch (error) {
      if (error instanceof TeamPatternError)
        return {
          ok: false,
          error: t(
            'core_privacy_line_pattern',
            i + 1,
            error.label || t('core_privacy_no_label'),
            error.problem,
          ),
        };
      throw error;
    }
    patterns.push(pattern);
  }
  return { ok: true, value: patterns };
}

export function parseAllowList(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** Everything the form holds → validated settings, or the first problem in words. */
export function buildPrivacySettings(
  base: PrivacySettings,
  teamText: string,
  allowText: string,
): ParsedLines<PrivacySettings> {
  const team = parseTeamPatterns(teamText);
  if (!team.ok) return team;
  const parsed = PrivacySettings.safeParse({
    ...base,
    teamPatterns: team.value,
    allowList: parseAllowList(allowText),
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, value: parsed.data };
}
