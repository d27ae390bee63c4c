import { t } from '../../utils/i18n/t';
import type { ProviderConfig } from '../../utils/providers/schema';

// The configured providers: which one is the default, which one is being edited, and which cannot be reached
// because the browser's permission for its host is missing.

export interface ProviderListProps {
  providers: readonly ProviderConfig[];
  defaultId: string | null;
  editingId: string | null;
  /** Host permission per provider id: false = "no access" (a Grant access button is shown). */
  access: Readonly<Record<string, boolean>>;
  pendingDeleteId: string | null;
  onEdit: (id: string) => void;
  onMakeDefault: (id: string) => void;
  onDelete: (id: string) => void;
  onGrant: (provider: ProviderConfig) => void;
}

function endpointOf(provider: ProviderConfig): string {
  if (provider.baseURL === '') return t('options_providers_in_browser');
  try {
    return new URL(provider.baseURL).host;
  } catch {
    return provider.baseURL;
  }
}

export function ProviderList(props: ProviderListProps) {
  if (props.providers.length === 0) return null;
  return (
    <ul className="provider-list" data-testid="provider-list" aria-label={t('options_providers_list_label')}>
      {props.providers.map((provider) => {
        const isDefault = provider.id === props.defaultId;
        const noAccess = props.access[provider.id] === false;
        return (
          <li
            key={provider.id}
            className={provider.id === props.editingId ? 'provider-row editing' : 'provider-row'}
            data-testid={`provider-row-${provider.id}`}
            data-provider-label={provider.label}
          >
            <span className="provider-name">
              <strong>{provider.label}</strong> · {provider.model} · {endpointOf(provider)}
              {isDefault ? (
                <span className="badge" data-testid="provider-default-badge">
                  {t('options_providers_default_badge')}
                </span>
              ) : null}
              {noAccess ? (
                <span className="badge badge-warn" data-testid="provider-no-access">
                  {t('options_providers_no_access')}
                </span>
              ) : null}
            </span>
            <span className="provider-actions">
              {noAccess ? (
                <button
                  type="button"
                  className="secondary"
                  data-testid="provider-grant"
                  onClick={() => props.onGrant(provider)}
                >
                  {t('options_providers_grant')}
                </button>
              ) : null}
              <button
                type="button"
                className="secondary"
                data-testid="provider-edit"
                aria-pressed={provider.id === props.editingId}
                onClick={() => props.onEdit(provider.id)}
              >
                {t('options_edit')}
              </button>
              {isDefault ? null : (
                <button
                  type="button"
                  className="secondary"
                  data-testid="provider-make-default"
                  onClick={() => props.onMakeDefault(provider.id)}
                >
                  {t('options_providers_make_default')}
                </button>
              )}
              <button
                type="button"
                className="secondary danger"
                data-testid="provider-delete"
                onClick={() => props.onDelete(provider.id)}
              >
                {props.pendingDeleteId === provider.id
                  ? t('options_providers_confirm_delete')
                  : t('options_delete')}
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
