import type { Check } from '../../check.ts';
import { destinationBaaCheck, destinationFiltersCheck, filterConditionsCheck } from './destinations.ts';
import { engageDestinationsCheck, engagePremierCheck, profilesSyncCheck, sqlTraitsCheck } from './engage.ts';
import { deletionSuppressionCheck, functionSecretsCheck } from './governance.ts';
import { schemaControlsCheck, trackingPlanCheck } from './protocols.ts';
import { retlDestinationCheck, retlModelColumnsCheck } from './retl.ts';

/** Every Segment check; attest-only Segment controls are emitted `manual` by the engine. */
export const segmentChecks: readonly Check[] = [
  destinationFiltersCheck,
  filterConditionsCheck,
  destinationBaaCheck,
  trackingPlanCheck,
  schemaControlsCheck,
  retlModelColumnsCheck,
  retlDestinationCheck,
  sqlTraitsCheck,
  engageDestinationsCheck,
  engagePremierCheck,
  profilesSyncCheck,
  functionSecretsCheck,
  deletionSuppressionCheck,
];
