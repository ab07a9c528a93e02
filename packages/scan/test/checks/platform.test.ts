import { describe, expect, it } from 'vitest';
import { assignedAddOns, installedAddOns } from '../../src/checks/marketplace.ts';
import { groupRooms, videoEncryption, videoMediaStorage } from '../../src/checks/video.ts';
import { eventSinks, subscribedEventTypes } from '../../src/checks/events.ts';
import { accountDesignation, newProjectDesignation, pkcvKeys } from '../../src/checks/accounts.ts';
import { MASTER, SUB, context, inventory, res, verdicts } from './helpers.ts';

describe('TW-MARKETPLACE', () => {
  it('installed and assigned add-ons fail; an account with none passes', () => {
    const inv = inventory([res('marketplace.installed_add_on', 'XE1', { unique_name: 'watson' }), res('api.assigned_add_on', 'XE2', {}, { account: SUB })], {
      accounts: [{ platform: 'twilio', sid: MASTER }, { platform: 'twilio', sid: SUB, parent: MASTER }],
    });
    expect(verdicts([installedAddOns, assignedAddOns], inv)).toEqual(['fail XE1', 'fail XE2', `pass ${MASTER}`, `pass ${SUB}`]);
  });
});

describe('Programmable Video', () => {
  it('TW-VIDEO-GROUP-ROOMS: peer-to-peer and go rooms fail', () => {
    const inv = inventory([res('video.room', 'RM1', { type: 'group' }), res('video.room', 'RM2', { type: 'peer-to-peer' }), res('video.room', 'RM3', { type: 'go' }), res('video.room', 'RM4', { type: 'group-small' })]);
    expect(verdicts(groupRooms, inv)).toEqual(['fail RM2', 'fail RM3', 'pass RM1', 'pass RM4']);
  });

  it('TW-VIDEO-ENCRYPTION and TW-VIDEO-MEDIA-AUTH read the settings', () => {
    const inv = inventory([
      res('video.recording_settings', 'S1', { encryption_enabled: false, aws_storage_enabled: true, aws_s3_url: 'http://bucket.example/r' }),
      res('video.composition_settings', 'S2', { encryption_enabled: true, aws_storage_enabled: false }),
    ]);
    expect(verdicts(videoEncryption, inv)).toEqual(['advisory S1', 'pass S2']);
    expect(verdicts(videoMediaStorage, inv)).toEqual(['fail S1', 'manual S2']);
    expect(verdicts(videoEncryption, inventory([], { failed: ['video.recording_settings'] }))).toEqual([`unknown ${MASTER}`]);
  });
});

describe('Event Streams', () => {
  it('TW-EVENTS-SINKS: http webhook sinks fail; https passes; Kinesis (configured per AWS guidance?) and others go to a person', () => {
    const inv = inventory([
      res('events.sink', 'DG1', { sink_type: 'webhook', sink_configuration: { destination: 'http://a.example/e' } }),
      res('events.sink', 'DG2', { sink_type: 'kinesis', sink_configuration: { arn: 'arn:aws:kinesis:x' } }),
      res('events.sink', 'DG3', { sink_type: 'webhook', sink_configuration: { destination: 'https://a.example/e' } }),
      res('events.sink', 'DG4', { sink_type: 'segment', sink_configuration: {} }),
    ]);
    expect(verdicts(eventSinks, inv)).toEqual(['fail DG1', 'manual DG2', 'manual DG4', 'pass DG3']);
  });

  it('TW-EVENTS-NE-TYPES: types outside the eligible products fail', () => {
    const inv = inventory([
      res('events.subscribed_event', 'DF1/com.twilio.messaging.message.delivered', { type: 'com.twilio.messaging.message.delivered' }),
      res('events.subscribed_event', 'DF1/com.twilio.voice.insights.call-summary.complete', { type: 'com.twilio.voice.insights.call-summary.complete' }),
      res('events.subscribed_event', 'DF1/com.twilio.messaging.whatsapp.x', { type: 'com.twilio.messaging.whatsapp.x' }),
      res('events.subscribed_event', 'DF1/com.twilio.unknownproduct.x', { type: 'com.twilio.unknownproduct.x' }),
    ]);
    expect(verdicts(subscribedEventTypes, inv)).toEqual([
      'fail DF1/com.twilio.messaging.whatsapp.x',
      'fail DF1/com.twilio.unknownproduct.x',
      'fail DF1/com.twilio.voice.insights.call-summary.complete',
      'pass DF1/com.twilio.messaging.message.delivered',
    ]);
  });
});

describe('accounts', () => {
  const accounts = [
    { platform: 'twilio' as const, sid: MASTER },
    { platform: 'twilio' as const, sid: SUB, parent: MASTER, dateCreated: '2019-02-11T12:00:00.000Z' },
  ];

  it('TW-PKCV (recommended): keys pass; a subaccount whose owner has one asks a person; none anywhere is advisory', () => {
    expect(verdicts(pkcvKeys, inventory([res('accounts.public_key', 'CR1', {})], { accounts }))).toEqual([`manual ${SUB}`, `pass ${MASTER}`]);
    expect(verdicts(pkcvKeys, inventory([], { accounts }))).toEqual([`advisory ${MASTER}`, `advisory ${SUB}`]);
  });

  it('TW-ACCT-DESIGNATION: manual without config; listed passes; unlisted before the BAA fails', () => {
    expect(verdicts(accountDesignation, inventory([], { accounts }))).toEqual([`manual ${MASTER}`, `manual ${SUB}`]);
    const ctx = { ...context, baaDate: '2023-01-01', designatedAccounts: [MASTER] };
    expect(verdicts(accountDesignation, inventory([], { accounts }), ctx)).toEqual([`fail ${SUB}`, `pass ${MASTER}`]);
  });

  it('TW-ACCT-NEW-PROJECT: a subaccount created after the BAA in a designated project is designated automatically; an undesignated project fails', () => {
    const master = { ...accounts[0]!, dateCreated: '2020-01-01T00:00:00.000Z' };
    const later = [master, { ...accounts[1]!, dateCreated: '2024-05-01T00:00:00.000Z' }];
    const baa = { ...context, baaDate: '2023-01-01' };
    // The guide: "any future Subaccounts created in that Project will also be automatically designated".
    expect(verdicts(newProjectDesignation, inventory([], { accounts: later }), { ...baa, designatedAccounts: [MASTER] })).toEqual([`pass ${SUB}`]);
    expect(verdicts(accountDesignation, inventory([], { accounts: later }), { ...baa, designatedAccounts: [MASTER] })).toEqual([`pass ${MASTER}`, `pass ${SUB}`]);
    expect(verdicts(newProjectDesignation, inventory([], { accounts: later }), { ...baa, designatedAccounts: [MASTER, SUB] })).toEqual([`pass ${SUB}`]);
    // Neither the subaccount nor its project designated: fail.
    expect(verdicts(newProjectDesignation, inventory([], { accounts: later }), { ...baa, designatedAccounts: [] })).toEqual([`fail ${SUB}`]);
    // A new project (no parent) created after the BAA and not listed fails.
    const newProject = [{ platform: 'twilio' as const, sid: MASTER, dateCreated: '2024-01-01T00:00:00.000Z' }];
    expect(verdicts(newProjectDesignation, inventory([], { accounts: newProject }), { ...baa, designatedAccounts: [] })).toEqual([`fail ${MASTER}`]);
  });

  it('TW-ACCT-NEW-PROJECT: an account whose creation date cannot be read is unknown, not skipped', () => {
    expect(verdicts(newProjectDesignation, inventory([], { accounts: [{ platform: 'twilio', sid: MASTER }] }), { ...context, baaDate: '2023-01-01' })).toEqual([`unknown ${MASTER}`]);
  });
});
