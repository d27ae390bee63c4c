import { useManagedPolicy } from '../../utils/options/team-packs-client';
import type { ManagedPolicy } from '../../utils/presets/policy';

// "Managed by your organisation": shown at the top of the options page when the browser's enterprise policy sets
// anything for Deskmate (storage.managed), listing what it sets, and the settings it had to ignore and why.

function policyLines(policy: ManagedPolicy): string[] {
  const lines: string[] = [];
  if (policy.packUrls.length > 0)
    lines.push(
      `Team packs you are subscribed to and cannot remove: ${policy.packUrls.join(', ')}${
        policy.packRefreshHours ? ` (checked every ${policy.packRefreshHours} h)` : ''
      }.`,
    );
  if (policy.inlinePacks.length > 0)
    lines.push(
      `Presets from the policy itself: ${policy.inlinePacks.map((p) => `${p.name} ${p.version} (${p.presets.length} presets)`).join(', ')}.`,
    );
  if (policy.requiredProvider)
    lines.push(
      `The model endpoint to use: ${policy.requiredProvider.baseURL}${policy.requiredProvider.model ? `, model “${policy.requiredProvider.model}”` : ''}.`,
    );
  else if (policy.allowedBaseUrls.length > 0)
    lines.push(`Allowed model endpoints: ${policy.allowedBaseUrls.join(', ')}.`);
  if (policy.disablePersonalProviders) lines.push('You cannot set up model providers of your own.');
  if (policy.disablePresetSync) lines.push('Your personal presets are not copied to browser sync.');
  return lines;
}

export function ManagedPolicyNotice() {
  const { loaded, managed, policy, warnings } = useManagedPolicy();
  if (!loaded || (!managed && warnings.length === 0)) return null;
  const lines = policyLines(policy);
  return (
    <section className="card managed-notice" aria-labelledby="managed-title" data-testid="managed-notice">
      <h2 id="managed-title">Managed by your organisation</h2>
      {lines.length > 0 ? (
        <>
          <p className="section-intro">Your administrator set these for Deskmate in the browser’s policy:</p>
          <ul data-testid="managed-settings">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <div className="status status-warning" role="alert" data-testid="managed-warnings">
          <p>Some policy settings could not be used (tell your administrator):</p>
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
