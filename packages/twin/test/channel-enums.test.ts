// The catalog's channel policy (@chaperone/controls channels.ts) lists Twilio's enums beside
// its allow-lists; they must be the enums of the specs the twin serves, so a value Twilio
// adds shows up here (and is refused by the allow-list meanwhile).
import { CHANNEL_FIELDS, isEligibleChannel } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';
import { readSpec } from '../src/spec/load.ts';

const enumOf = (file: string, schema: string): string[] => readSpec(file).components.schemas[schema]!.enum as string[];

describe('channel policy against Twilio’s OpenAPI enums', () => {
  it.each([
    ['conversationsAddressType', 'twilio_conversations_v1.json', 'configuration_address_enum_type'],
    ['flexFlowChannelType', 'twilio_flex_v1.json', 'flex_flow_enum_channel_type'],
    ['flexInteractionChannelType', 'twilio_flex_v1.json', 'interaction_channel_enum_type'],
  ] as const)('%s: the enum as the spec has it; only the allow-list is eligible', (field, file, schema) => {
    const twilioEnum = enumOf(file, schema);
    expect([...CHANNEL_FIELDS[field].twilioEnum].sort()).toEqual([...twilioEnum].sort());
    const eligible = twilioEnum.filter((v) => isEligibleChannel(field, v));
    expect(eligible.sort()).toEqual([...CHANNEL_FIELDS[field].eligible].sort());
  });
});
