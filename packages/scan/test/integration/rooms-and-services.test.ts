// What the scan used to miss because it read one list: conversations of a Conversations
// service other than the default (Frontline and Flex run their own), and Video rooms that
// are no longer in progress (`GET /v1/Rooms` lists in-progress rooms unless told otherwise).
import { describe, expect, it } from 'vitest';
import { scanTwin, withTwin } from './twin-scan.ts';

const MASTER = 'AC0ba1e00000000000000000000000a001';
const FIXTURE = `
accounts:
  - sid: ${MASTER}
    auth_token: 0ba1e00000000000000000000000a001
    date_created: '2024-02-01T00:00:00Z'
    resources:
      conversations:
        services:
          - sid: IS0ba1e00000000000000000000000a001
            friendly_name: Frontline
            conversations:
              - sid: CH0ba1e00000000000000000000000a001
                friendly_name: Follow-up
                attributes: '{}'
                participants:
                  - sid: MB0ba1e00000000000000000000000a001
                    attributes: '{}'
                    messaging_binding: { type: whatsapp, address: 'whatsapp:+12125550177', proxy_address: 'whatsapp:+14155550108' }
      video:
        rooms:
          - sid: RM0ba1e00000000000000000000000a001
            unique_name: yesterday
            type: peer-to-peer
            status: completed
          - sid: RM0ba1e00000000000000000000000a002
            unique_name: failed-start
            type: go
            status: failed
          - sid: RM0ba1e00000000000000000000000a003
            unique_name: now
            type: group
            status: in-progress
`;

describe('the scan reads every Conversations service and every room status', () => {
  it('fails a WhatsApp participant of a non-default service, and completed and failed non-group rooms', async () => {
    await withTwin({ fixtureText: FIXTURE }, async (twin) => {
      const { report } = await scanTwin(twin);
      const of = (control: string) => report.findings.filter((f) => f.control === control && f.status !== 'unknown').map((f) => `${f.status} ${f.resource.sid}`).sort();
      expect(of('TW-CONV-CHANNELS')).toEqual(['fail MB0ba1e00000000000000000000000a001']);
      expect(of('TW-VIDEO-GROUP-ROOMS')).toEqual(['fail RM0ba1e00000000000000000000000a001', 'fail RM0ba1e00000000000000000000000a002', 'pass RM0ba1e00000000000000000000000a003']);
    });
  });
});
