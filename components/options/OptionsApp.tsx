import { t } from '@/utils/i18n/t';
import { AgentProfileSection } from './AgentProfileSection';
import { CustomDomainsSection } from './CustomDomainsSection';
import { DataSection } from './DataSection';
import { HelpdesksSection } from './HelpdesksSection';
import { KnowledgeSection } from './knowledge/KnowledgeSection';
import { ManagedPolicyNotice } from './ManagedPolicyNotice';
import { OllamaHelp } from './OllamaHelp';
import { PricingSection } from './PricingSection';
import { PrivacySection } from './PrivacySection';
import { ProviderSection } from './ProviderSection';
import { PresetLibrarySection } from './presets/PresetLibrarySection';
import { TeamPacksSection } from './presets/TeamPacksSection';
import { tRich } from './rich-text';
import { SelectorOverridesSection } from './SelectorOverridesSection';

// The options page. Each section owns its own loading and saving; more sections (privacy, presets,
// team packs, data) are added beside the provider one.

export function OptionsApp() {
  return (
    <div className="options-page">
      <header className="page-header">
        <h1>{t('options_page_title')}</h1>
        <p>{t('options_page_intro')}</p>
        <p>
          {tRich(
            'options_page_links',
            <a key="dashboard" href="/dashboard.html" data-testid="open-dashboard">
              {t('options_page_dashboard_link')}
            </a>,
            <a key="history" href="/draft-history.html" data-testid="open-history">
              {t('options_page_history_link')}
            </a>,
          )}
        </p>
      </header>
      <main>
        <ManagedPolicyNotice />
        <ProviderSection />
        <HelpdesksSection />
        <AgentProfileSection />
        <PresetLibrarySection />
        <TeamPacksSection />
        <KnowledgeSection />
        <PrivacySection />
        <PricingSection />
        <OllamaHelp />
        <CustomDomainsSection />
        <SelectorOverridesSection />
        <DataSection />
      </main>
    </div>
  );
}
