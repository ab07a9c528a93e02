// "Unknown is never pass": a field a check reads that is absent from the record (an API
// that left it out, a body that was not read) gives `unknown`, never the compliant reading.
// Each row failed before the fix: the check defaulted the missing field to compliant (or to
// "nothing to see").
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/check.ts';
import { eventSinks } from '../../src/checks/events.ts';
import { debuggerAlerts, flexConfiguration, studioDefinitions, taskAttributes, workerAttributes } from '../../src/checks/phi-metadata.ts';
import { syncAcl } from '../../src/checks/products.ts';
import { recordingEncryption } from '../../src/checks/recordings.ts';
import { publicAssets, publicFunctions, variablesPhi } from '../../src/checks/serverless.ts';
import { sipDomainTls, sipTrunkSecure } from '../../src/checks/sip.ts';
import { dialingPermissionsUs } from '../../src/checks/us-only.ts';
import { groupRooms, videoEncryption, videoMediaStorage } from '../../src/checks/video.ts';
import { inventory, res, run } from './helpers.ts';

const cases: [string, Check, string, Record<string, unknown>][] = [
  ['asset version without visibility', publicAssets, 'serverless.asset_version', { path: '/intake.pdf' }],
  ['function version without visibility', publicFunctions, 'serverless.function_version', { path: '/hook' }],
  ['variable without a value', variablesPhi, 'serverless.variable', { key: 'EHR_TOKEN' }],
  ['Studio flow without a definition', studioDefinitions, 'studio.flow', { friendly_name: 'Reminders' }],
  ['Debugger alert with none of its texts', debuggerAlerts, 'monitor.alert', { error_code: '11200' }],
  ['worker without attributes', workerAttributes, 'taskrouter.worker', { friendly_name: 'w' }],
  ['task without attributes', taskAttributes, 'taskrouter.task', {}],
  ['Flex configuration without its JSON fields', flexConfiguration, 'flex.configuration', {}],
  ['Sync service without acl_enabled', syncAcl, 'sync.service', {}],
  ['SIP domain without secure', sipDomainTls, 'api.sip_domain', {}],
  ['trunk without secure', sipTrunkSecure, 'trunking.trunk', {}],
  ['recording without encryption_details', recordingEncryption, 'api.recording', {}],
  ['room without type', groupRooms, 'video.room', {}],
  ['recording settings without encryption_enabled', videoEncryption[0]!, 'video.recording_settings', {}],
  ['composition settings without aws_storage_enabled', videoMediaStorage[1]!, 'video.composition_settings', {}],
  ['dialing permission without its flags', dialingPermissionsUs, 'voice.dialing_permissions_country', { iso_code: 'MX' }],
];

describe('an absent field is unknown, never pass', () => {
  it.each(cases)('%s', (_what, check, kind, fields) => {
    const findings = run(check, inventory([res(kind, 'XX1', fields)]));
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]!.evidence).toMatch(/absent/);
  });

  it('a Kinesis sink is for a person (configured per AWS guidance), not an automatic pass', () => {
    const [finding] = run(eventSinks, inventory([res('events.sink', 'DG1', { sink_type: 'kinesis', description: 'audit' })]));
    expect(finding!.status).toBe('manual');
  });

  it('a protected asset is not private: it goes to a person (special consideration), never passes', () => {
    const [finding] = run(publicAssets, inventory([res('serverless.asset_version', 'ZN1', { path: '/a.pdf', visibility: 'protected' })]));
    expect(finding!.status).not.toBe('pass');
    expect(finding!.evidence).toMatch(/protected/);
  });
});
