import { t } from '../../utils/i18n/t';
import type { ManagedPolicy } from '../../utils/presets/policy';
import { providerPolicyProblem } from '../../utils/presets/policy';
import type { ProviderConfig } from '../../utils/providers/schema';

// What the administrator's policy locks in "Model providers", shown above the list: the required endpoint (with a
// button that fills the editor with it, so the agent only adds a key), the allowed endpoints, whether personal
// providers are off, and which saved providers the policy refuses (the background will not call them).

export interface ProviderPolicyNoticeProps {
  policy: ManagedPolicy;
  providers: readonly ProviderConfig[];
  onUseRequired?: () => void;
}

/** Why the policy refuses a provider, or null; on-device Chrome AI never leaves the computer and is not checked. */
export function policyRefusal(policy: ManagedPolicy, provider: Pick<ProviderConfig, 'baseURL' | 'model'>) {
  if (!provider.baseURL) return null;
  return providerPolicyProblem(policy, provider);
}

export function providerPolicyLocks(policy: ManagedPolicy): boolean {
  return (
    policy.requiredProvider !== undefined ||
    policy.allowedBaseUrls.length > 0 ||
    policy.disablePersonalProviders
  );
}

export function ProviderPolicyNotice({ policy, providers, onUseRequired }: ProviderPolicyNoticeProps) {
  if (!providerPolicyLocks(policy)) return null;
  const required = policy.requiredProvider;
  const refused = providers
    .map((p) => ({ provider: p, problem: policyRefusal(policy, p) }))
    .filter((entry) => entry.problem !== null);
  return (
    <div className="status status-warning" data-testid="provider-locked" role="note">
      <p>
        <strong>{t('options_policy_locked')}</strong>{' '}
        {required
          ? required.model
            ? t('options_policy_required_with_model', required.baseURL, required.model)
            : t('options_policy_required', required.baseURL)
          : policy.allowedBaseUrls.length > 0
            ? t('options_policy_allowed', policy.allowedBaseUrls.join(', '))
            : null}{' '}
        {policy.disablePersonalProviders
          ? t('options_policy_no_personal')
          : t('options_policy_others_refused')}
      </p>
      {refused.length > 0 ? (
        <ul data-testid="provider-refused">
          {refused.map(({ provider, problem }) => (
            <li key={provider.id}>
              {t('options_policy_refused_provider', provider.label, provider.baseURL, problem ?? '')}
            </li>
          ))}
        </ul>
      ) : null}
      {required && onUseRequired && !providers.some((p) => policyRefusal(policy, p) === null && p.baseURL) ? (
        <button
          type="button"
          className="secondary"
          data-testid="provider-use-required"
          onClick={onUseRequired}
        >
          {t('options_policy_set_up', required.baseURL)}
        </button>
      ) : null}
    </div>
  );
}
