// Every Twilio check. Segment checks live in src/segment/ and join in the engine.
import type { Check } from '../check.ts';
import { accountDesignation, newProjectDesignation, pkcvKeys } from './accounts.ts';
import { conversationAddresses, conversationParticipants, flexFlowChannels, messagingSenderChannels, verifyWhatsapp } from './channels.ts';
import { chatIntegrations, chatPrivateChannels, chatSunset } from './chat.ts';
import { eligibleOnly } from './eligible.ts';
import { eventSinks, subscribedEventTypes } from './events.ts';
import { flexCustomMedia } from './flex-media.ts';
import { httpAuthChecks } from './http-auth.ts';
import { httpsChecks } from './https.ts';
import { assignedAddOns, installedAddOns, lookupAddOns, transcriptionAddOns } from './marketplace.ts';
import { mmsMediaAuth, recordingMediaAuth } from './media-auth.ts';
import { chatUserAttributes, conversationAttributes, debuggerAlerts, flexConfiguration, participantAttributes, studioDefinitions, taskAttributes, workerAttributes } from './phi-metadata.ts';
import { assistants, flexPlugins, syncAcl } from './products.ts';
import { recordingEncryption } from './recordings.ts';
import { publicAssets, publicFunctions, variablesPhi } from './serverless.ts';
import { sipDomainAuth, sipDomainTls, sipTrunkSecure } from './sip.ts';
import { dialingPermissionsUs, smsSendersUs, smsServiceNumbersUs, voiceNumbersUs } from './us-only.ts';
import { groupRooms, videoEncryption, videoMediaStorage } from './video.ts';
import { keysRotation } from './keys-rotation.ts';

export const twilioChecks: readonly Check[] = [
  ...httpsChecks,
  ...httpAuthChecks,
  sipDomainTls,
  sipTrunkSecure,
  sipDomainAuth,
  voiceNumbersUs,
  smsServiceNumbersUs,
  smsSendersUs,
  dialingPermissionsUs,
  chatPrivateChannels,
  chatSunset,
  chatIntegrations,
  publicAssets,
  publicFunctions,
  variablesPhi,
  messagingSenderChannels,
  conversationAddresses,
  conversationParticipants,
  verifyWhatsapp,
  flexFlowChannels,
  installedAddOns,
  assignedAddOns,
  transcriptionAddOns,
  lookupAddOns,
  eligibleOnly,
  groupRooms,
  ...videoEncryption,
  ...videoMediaStorage,
  recordingEncryption,
  recordingMediaAuth,
  mmsMediaAuth,
  eventSinks,
  subscribedEventTypes,
  pkcvKeys,
  accountDesignation,
  newProjectDesignation,
  studioDefinitions,
  debuggerAlerts,
  workerAttributes,
  taskAttributes,
  conversationAttributes,
  participantAttributes,
  chatUserAttributes,
  flexConfiguration,
  flexCustomMedia,
  flexPlugins,
  assistants,
  syncAcl,
  keysRotation,
];
