// PHI in Conversations and Chat attributes and Event Streams sink descriptions: findings
// name the field path and PHI type, never the value.
import { describe, expect, it } from 'vitest';
import { chatPrivateChannels } from '../../src/checks/chat.ts';
import { eventSinks } from '../../src/checks/events.ts';
import { chatUserAttributes, conversationAttributes, participantAttributes } from '../../src/checks/phi-metadata.ts';
import { inventory, res, run, verdicts } from './helpers.ts';

const SEEDED = ['Maria Delgado', 'Delgado', '1957', '00482915', 'Robert Chen', '77120394'];

function expectNoSeededPhi(value: unknown): void {
  const text = JSON.stringify(value);
  for (const seeded of SEEDED) expect(text, seeded).not.toContain(seeded);
}

describe('PHI in Conversations attributes (TW-CONV-INHERIT)', () => {
  it('conversation and participant attributes with patient data fail, clean ones pass', () => {
    const inv = inventory([
      res('conversations.conversation', 'CH1', { attributes: '{"patient":{"name":"Maria Delgado","dob":"03/14/1957","mrn":"00482915"}}' }),
      res('conversations.conversation', 'CH2', { attributes: '{"topic":"billing"}' }),
      res('conversations.participant', 'MB1', { attributes: '{"full_name":"Robert Chen"}' }),
      res('conversations.participant', 'MB2', { attributes: '{}' }),
    ]);
    const findings = run([conversationAttributes, participantAttributes], inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail CH1', 'fail MB1', 'pass CH2', 'pass MB2']);
    const ch1 = findings.find((f) => f.resource.sid === 'CH1')!;
    expect(ch1.control).toBe('TW-CONV-INHERIT');
    expect(ch1.evidence).toContain('attributes.patient.name: NAME');
    expect(ch1.evidence).toContain('attributes.patient.mrn: MRN');
    expectNoSeededPhi(findings);
  });

  it('unknown when conversations were not collected', () => {
    expect(run(conversationAttributes, inventory([], { failed: ['conversations.conversation'] })).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('PHI in Chat attributes (TW-CHAT-PRIVATE)', () => {
  it('user attributes with PHI fail; a public channel names the PHI in its attributes', () => {
    const inv = inventory([
      res('chat.user', 'US1', { attributes: '{"full_name":"Robert Chen","mrn":"77120394"}' }),
      res('chat.user', 'US2', { attributes: '{"role":"nurse"}' }),
      res('chat.channel', 'CH1', { type: 'public', attributes: '{"patient_name":"Maria Delgado"}' }),
      res('chat.channel', 'CH2', { type: 'private', attributes: '{"team":"care"}' }),
    ]);
    const findings = run([chatUserAttributes, chatPrivateChannels], inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail CH1', 'fail US1', 'pass CH2', 'pass US2']);
    expect(findings.find((f) => f.resource.sid === 'CH1')!.evidence).toBe('type = public; PHI in attributes.patient_name: NAME');
    expect(findings.find((f) => f.resource.sid === 'US1')!.evidence).toContain('attributes.mrn: MRN');
    expectNoSeededPhi(findings);
  });

  it('unknown when chat users were not collected', () => {
    expect(run(chatUserAttributes, inventory([], { failed: ['chat.user'] })).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('PHI in Event Streams sink descriptions (TW-EVENTS-SINKS)', () => {
  it('a patient name in the description fails an otherwise compliant sink, and adds to a failing one', () => {
    const inv = inventory([
      res('events.sink', 'DG1', { sink_type: 'kinesis', description: 'Discharge feed for Robert Chen' }),
      res('events.sink', 'DG2', { sink_type: 'kinesis', description: 'Audit stream' }),
      res('events.sink', 'DG3', { sink_type: 'webhook', description: 'Maria Delgado alerts', sink_configuration: { destination: 'http://x.example/e' } }),
    ]);
    const findings = run(eventSinks, inv);
    expect(verdicts(eventSinks, inv)).toEqual(['fail DG1', 'fail DG3', 'manual DG2']);
    expect(findings.find((f) => f.resource.sid === 'DG1')!.evidence).toBe('PHI in description: NAME');
    expect(findings.find((f) => f.resource.sid === 'DG3')!.evidence).toMatch(/not https.*; PHI in description: NAME/);
    expectNoSeededPhi(findings);
  });
});
