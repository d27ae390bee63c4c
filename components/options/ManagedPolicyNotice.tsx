import { t, tCount } from '../../utils/i18n/t';
import { useManagedPolicy } from '../../utils/options/team-packs-client';
import type { ManagedPolicy } from '../../utils/presets/policy';

// "Managed by your organisation": shown at the top of the options page when the browser's enterprise policy sets
// anything for Deskmate (storage.managed), listing what it sets, and the settings it had to ignore and why.

function policyLines(policy: ManagedPolicy): string[] {
  const lines: string[] = [];
  if (policy.packUrls.length > 0)
    lines.push(
      policy.packRefreshHours
        ? t('options_managed_packs_every', policy.packUrls.join(', '), policy.packRefreshHours)
        : t('options_managed_packs', policy.packUrls.join(', ')),
    );
  if (policy.inlinePacks.length > 0)
    lines.push(
      t(
        'options_managed_inline',
        policy.inlinePacks
          .map((p) => `${p.name} ${p.version} (${tCount('presets_count', p.presets.length)})`)
          .join(', '),
      ),
    );
  if (policy.requiredProvider)
    lines.push(
      policy.requiredProvider.model
        ? t('options_managed_endpoint_model', policy.requiredProvider.baseURL, policy.requiredProvider.model)
        : t('options_managed_endpoint', policy.requiredProvider.baseURL),
    );
  else if (policy.allowedBaseUrls.length > 0)
    lines.push(t('options_managed_allowed', policy.allowedBaseUrls.join(', ')));
  if (policy.disablePersonalProviders) lines.push(t('options_managed_no_personal'));
  if (policy.disablePresetSync) lines.push(t('options_managed_no_sync'));
  return lines;
}

export function ManagedPolicyNotice() {
  const { loaded, managed, policy, warnings } = useManagedPolicy();
  if (!loaded || (!managed && warnings.length === 0)) return null;
  const lines = policyLines(policy);
  return (
    <section className="card managed-notice" aria-labelledby="managed-title" data-testid="managed-notice">
      <h2 id="managed-title">{t('options_managed_title')}</h2>
      {lines.length > 0 ? (
        <>
          <p className="section-intro">{t('options_managed_intro')}</p>
          <ul data-testid="managed-settings">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <div className="status status-warning" role="alert" data-testid="managed-warnings">
          <p>{t('options_managed_warnings')}</p>
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
