import { describe, expect, it } from 'vitest';
import { publicAssets, publicFunctions, variablesPhi } from '../../src/checks/serverless.ts';
import { debuggerAlerts, flexConfiguration, studioDefinitions, taskAttributes, workerAttributes } from '../../src/checks/phi-metadata.ts';
import { flexPlugins, syncAcl, assistants } from '../../src/checks/products.ts';
import { MASTER, inventory, res, run, verdicts } from './helpers.ts';

const PHI = 'Maria Delgado, DOB 1957-03-14, MRN 00482915';

describe('Functions and Assets', () => {
  it('TW-RT-ASSETS-PRIVATE and TW-RT-FUNCTIONS (special considerations): public versions go to a person', () => {
    const inv = inventory([
      res('serverless.asset_version', 'ZN1', { path: '/a.pdf', visibility: 'public' }),
      res('serverless.asset_version', 'ZN2', { path: '/b.csv', visibility: 'private' }),
      res('serverless.function_version', 'ZN3', { path: '/f', visibility: 'public' }),
      res('serverless.function_version', 'ZN4', { path: '/g', visibility: 'protected' }),
    ]);
    expect(verdicts([publicAssets, publicFunctions], inv)).toEqual(['manual ZN1', 'manual ZN3', 'pass ZN2', 'pass ZN4']);
  });

  it('TW-RT-FUNCTIONS: variables with PHI fail, naming the key and type, never the value', () => {
    const inv = inventory([res('serverless.variable', 'ZV1', { key: 'TEST_PATIENT', value: PHI }), res('serverless.variable', 'ZV2', { key: 'EHR_BASE_URL', value: 'https://ehr.example' })]);
    const findings = run(variablesPhi, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail ZV1', 'pass ZV2']);
    const failing = findings.find((f) => f.status === 'fail')!;
    expect(failing.evidence).toMatch(/^variable TEST_PATIENT: .*NAME/);
    expect(JSON.stringify(findings)).not.toMatch(/Delgado|1957|00482915/);
  });
});

describe('PHI in metadata', () => {
  it('TW-RT-STUDIO: PHI and WhatsApp widgets in a definition fail', () => {
    const inv = inventory([
      res('studio.flow', 'FW1', { definition: { states: [{ name: 'post', properties: { body: `patient=${PHI}` } }] } }),
      res('studio.flow', 'FW2', { definition: { states: [{ name: 'send', properties: { from: 'whatsapp:+14155550108', body: 'Hello' } }] } }),
      res('studio.flow', 'FW3', { definition: { description: 'Confirms an appointment by SMS', states: [{ name: 'fn', properties: { url: 'https://x.twil.io/confirm' } }] } }),
    ]);
    const findings = run(studioDefinitions, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail FW1', 'fail FW2', 'pass FW3']);
    expect(findings.find((f) => f.resource.sid === 'FW1')!.evidence).toContain('definition.states[0].properties.body: NAME');
    expect(JSON.stringify(findings)).not.toMatch(/Delgado|5550108/);
  });

  // "Never combined with non-eligible products" (the audit's d20): widget types, not only addresses.
  it('TW-RT-STUDIO: an Autopilot or virtual-agent widget fails, whatever its properties', () => {
    const inv = inventory([
      res('studio.flow', 'FW4', { definition: { states: [{ name: 'bot', type: 'send-to-auto-pilot', properties: { autopilot_assistant_sid: 'UA00000000000000000000000000000001' } }] } }),
      res('studio.flow', 'FW5', { definition: { states: [{ name: 'agent', type: 'connect-virtual-agent', properties: { connector: 'dialogflow' } }] } }),
      res('studio.flow', 'FW6', { definition: { states: [{ name: 'ask', type: 'gather-input-on-call', properties: { say: 'Press 1' } }] } }),
    ]);
    const findings = run(studioDefinitions, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail FW4', 'fail FW5', 'pass FW6']);
    expect(findings.find((f) => f.resource.sid === 'FW4')!.evidence).toBe('widget bot (send-to-auto-pilot) sends the flow to Autopilot, not HIPAA eligible');
  });

  it('TW-RT-DEBUGGER: alert text and request variables (form-encoded) through the detector', () => {
    const inv = inventory([
      res('monitor.alert', 'NO1', { alert_text: 'Msg&ErrorCode=11200', request_variables: 'To=%2B14155550101&Body=Maria+Delgado+your+visit+is+Tue' }),
      res('monitor.alert', 'NO2', { alert_text: 'Msg&ErrorCode=82002&ServiceSid=ZS00000000000000000000000000000001' }),
    ]);
    const findings = run(debuggerAlerts, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail NO1', 'pass NO2']);
    expect(findings.find((f) => f.resource.sid === 'NO1')!.evidence).toContain('request_variables.Body: NAME');
  });

  it('TW-FLEX-INSIGHTS-ATTRS: worker and task attributes (JSON strings or objects)', () => {
    const inv = inventory([
      res('taskrouter.worker', 'WK1', { attributes: JSON.stringify({ skills: ['billing'], contact_uri: 'client:alice' }) }),
      res('taskrouter.worker', 'WK2', { attributes: JSON.stringify({ current_patient: 'Maria Delgado', mrn: '00482915' }) }),
      res('taskrouter.task', 'WT1', { attributes: { customer_name: 'Robert Chen', diagnosis: 'diabetes' } }),
    ]);
    expect(verdicts([workerAttributes, taskAttributes], inv)).toEqual(['fail WK2', 'fail WT1', 'pass WK1']);
    expect(run(taskAttributes, inventory([], { failed: ['taskrouter.task'] })).map((f) => f.status)).toEqual(['unknown']);
  });

  it('TW-FLEX-INSIGHTS-ATTRS: the agent identity Flex writes into every worker is not PHI; the same keys nested elsewhere, and anything else, still are', () => {
    const sso = { full_name: 'Alice Nguyen', email: 'alice.nguyen@clinic.example', contact_uri: 'client:alice.nguyen', image_url: 'https://cdn.example/alice-nguyen.png', roles: ['agent'] };
    const inv = inventory([
      res('taskrouter.worker', 'WK1', { attributes: JSON.stringify({ ...sso, skills: ['billing'] }) }),
      res('taskrouter.worker', 'WK2', { attributes: { ...sso, last_caller: { full_name: 'Maria Delgado' } } }),
      res('taskrouter.worker', 'WK3', { attributes: { ...sso, note: 'covering for Maria Delgado, DOB 03/14/1957' } }),
    ]);
    const findings = run(workerAttributes, inv);
    expect(verdicts([workerAttributes], inv)).toEqual(['fail WK2', 'fail WK3', 'pass WK1']);
    expect(findings.find((f) => f.resource.sid === 'WK2')!.evidence).toContain('attributes.last_caller.full_name: NAME');
    // The task's customer is the patient: a task's full_name is read as ever.
    expect(verdicts([taskAttributes], inventory([res('taskrouter.task', 'WT1', { attributes: { full_name: 'Maria Delgado' } })]))).toEqual(['fail WT1']);
  });

  it('TW-FLEX-UI-CONFIG: PHI in ui_attributes and non-https callback URLs fail', () => {
    const bad = inventory([res('flex.configuration', 'FX1', { ui_attributes: { banner: `Call back ${PHI}` }, crm_callback_url: 'https://crm.example' })]);
    const insecure = inventory([res('flex.configuration', 'FX2', { ui_attributes: { theme: { isLight: true } }, crm_callback_url: 'http://crm.example' })]);
    const good = inventory([res('flex.configuration', 'FX3', { ui_attributes: { theme: { isLight: true } }, call_recording_webhook_url: 'https://r.example' })]);
    expect(verdicts(flexConfiguration, bad)).toEqual(['fail FX1']);
    expect(run(flexConfiguration, insecure)[0]!.evidence).toContain('not https: crm_callback_url = http://crm.example/');
    expect(verdicts(flexConfiguration, good)).toEqual(['pass FX3']);
  });
});

describe('products present', () => {
  it('TW-RT-SYNC (special consideration): acl_enabled false goes to a person', () => {
    expect(verdicts(syncAcl, inventory([res('sync.service', 'IS1', { acl_enabled: false }), res('sync.service', 'IS2', { acl_enabled: true })]))).toEqual(['manual IS1', 'pass IS2']);
  });

  it('TW-FLEX-PLUGINS: active plugins are review findings, archived ones are not', () => {
    expect(verdicts(flexPlugins, inventory([res('flex.plugin', 'FP1', {}), res('flex.plugin', 'FP2', { archived: true })]))).toEqual(['manual FP1']);
  });

  it('TW-AUTOPILOT: any AI Assistant fails; none passes; not collected is unknown', () => {
    expect(verdicts(assistants, inventory([res('assistants.assistant', 'aia_1', {})]))).toEqual(['fail aia_1']);
    expect(verdicts(assistants, inventory([]))).toEqual([`pass ${MASTER}`]);
    expect(verdicts(assistants, inventory([], { failed: ['assistants.assistant'] }))).toEqual([`unknown ${MASTER}`]);
  });
});
