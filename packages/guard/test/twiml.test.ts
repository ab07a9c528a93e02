import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { HipaaPolicyError, assertTwiml, checkTwiml } from '../src/index.ts';

const ids = (twiml: Parameters<typeof checkTwiml>[0], options?: Parameters<typeof checkTwiml>[1]) => checkTwiml(twiml, options).map((f) => f.controlId);

describe('TwiML checker', () => {
  it('accepts compliant VoiceResponse TwiML built with the SDK', () => {
    const vr = new twilio.twiml.VoiceResponse();
    vr.start().stream({ url: 'wss://media.clinic.example.com/stream', statusCallback: 'https://clinic.example.com/stream-status' });
    vr.say('Please hold');
    vr.record({ action: '/after-record', recordingStatusCallback: 'https://clinic.example.com/rec' });
    vr.dial({ callerId: '+14155550123' }).number('+12125550100');
    vr.redirect('/next');
    expect(checkTwiml(vr)).toEqual([]);
    expect(assertTwiml(vr)).toContain('<Stream');
  });

  it('requires wss:// for <Stream url>, optionally to allow-listed hosts', () => {
    const vr = new twilio.twiml.VoiceResponse();
    vr.connect().stream({ url: 'ws://media.example.com/s' });
    expect(ids(vr)).toEqual(['TW-VOICE-MEDIA-STREAMS']);
    const ok = new twilio.twiml.VoiceResponse();
    ok.connect().stream({ url: 'wss://vendor.example.net/s' });
    expect(ids(ok)).toEqual([]);
    expect(ids(ok, { allowedStreamHosts: ['media.clinic.example.com'] })).toEqual(['TW-VOICE-MEDIA-STREAMS']);
    expect(ids('<Response><Start><Stream/></Start></Response>')).toEqual(['TW-VOICE-MEDIA-STREAMS']);
  });

  it('flags http recording and status callbacks, action URLs, <Play> and <Redirect> URLs; relative URLs pass', () => {
    const vr = new twilio.twiml.VoiceResponse();
    vr.record({ recordingStatusCallback: 'http://clinic.example.com/rec' });
    vr.dial({ action: 'http://clinic.example.com/dial-done' }).number({ statusCallback: 'http://clinic.example.com/s' }, '+12125550100');
    vr.play('http://cdn.example.com/hold.mp3');
    vr.redirect('http://clinic.example.com/next');
    vr.gather({ action: '/relative-is-fine' });
    expect(checkTwiml(vr).map((f) => `${f.controlId} ${f.element}`)).toEqual([
      'TW-HTTPS Response/Record',
      'TW-HTTPS Response/Dial',
      'TW-HTTPS Response/Dial/Number',
      'TW-HTTPS Response/Play',
      'TW-HTTPS Response/Redirect',
    ]);
  });

  it('refuses WhatsApp and non-US destinations in MessagingResponse and Dial', () => {
    const mr = new twilio.twiml.MessagingResponse();
    mr.message({ to: 'whatsapp:+12125550100' }, 'Your results are ready');
    mr.message({ to: '+16045550100' }, 'Your results are ready');
    expect(ids(mr)).toEqual(['TW-SMS-CHANNELS', 'TW-SMS-US-ONLY']);
    const vr = new twilio.twiml.VoiceResponse();
    vr.dial('+442071838750');
    expect(ids(vr)).toEqual(['TW-VOICE-US-ONLY']);
    const media = new twilio.twiml.MessagingResponse();
    media.message('x').media('http://cdn.example.com/xray.png');
    expect(ids(media)).toEqual(['TW-HTTPS']);
  });

  it('refuses every channel the catalog policy refuses (rcs:, apple:), as the outbound rules do', () => {
    const mr = new twilio.twiml.MessagingResponse();
    mr.message({ to: 'rcs:+12125550100' }, 'Your results are ready');
    mr.message({ from: 'apple:urn:biz:clinic', to: '+12125550100' }, 'Your results are ready');
    expect(ids(mr)).toEqual(['TW-SMS-CHANNELS', 'TW-SMS-CHANNELS']);
  });

  it('treats malformed TwiML as uncheckable (a finding), and assertTwiml throws without echoing content', () => {
    expect(ids('<Response><Message to="+1604">x</Response>')).toEqual(['TW-HTTPS']);
    const error = (() => { try { assertTwiml('<Response><Message to="whatsapp:+12125550100">Maria, HIV test</Message></Response>'); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(HipaaPolicyError);
    expect((error as Error).message).not.toMatch(/2125550100|Maria|HIV/);
  });

  it('flags nouns that send call audio to products that are not HIPAA eligible (TW-AUTOPILOT, TW-ELIGIBLE-ONLY)', () => {
    const va = new twilio.twiml.VoiceResponse();
    va.connect().virtualAgent({ connectorName: 'dialogflow-cx', statusCallback: 'https://clinic.example.com/va' });
    expect(ids(va)).toEqual(['TW-AUTOPILOT']);
    expect(() => assertTwiml(va)).toThrow(HipaaPolicyError);
    const relay = new twilio.twiml.VoiceResponse();
    relay.connect().conversationRelay({ url: 'wss://bot.clinic.example.com/relay' });
    expect(ids(relay)).toEqual(['TW-ELIGIBLE-ONLY']);
    expect(ids('<Response><Connect><ConversationRelay url="ws://bot.example.com/r"/></Connect></Response>')).toEqual(['TW-HTTPS', 'TW-ELIGIBLE-ONLY']);
    const ai = new twilio.twiml.VoiceResponse();
    ai.connect().aiSession({ aiConnector: 'x', aiSessionConfiguration: 'y' });
    expect(ids(ai)).toEqual(['TW-AUTOPILOT']);
    const transcribe = new twilio.twiml.VoiceResponse();
    transcribe.start().transcription({ statusCallbackUrl: 'https://clinic.example.com/t' });
    expect(ids(transcribe)).toEqual(['TW-ELIGIBLE-ONLY']);
    expect(ids('<Response><Connect><Assistant id="aia_asst_1"/></Connect></Response>')).toEqual(['TW-AUTOPILOT']);
    expect(ids('<Response><Connect><Autopilot>UA00000000000000000000000000000001</Autopilot></Connect></Response>')).toEqual(['TW-AUTOPILOT']);
    // Stopping a transcription sends nothing; a <Stream> to your own wss endpoint stays allowed.
    expect(ids('<Response><Stop><Transcription name="t1"/></Stop><Connect><Stream url="wss://bot.clinic.example.com/s"/></Connect></Response>')).toEqual([]);
  });

  it('reads the E.164 user part of a dialled SIP URI as a number', () => {
    const vr = new twilio.twiml.VoiceResponse();
    vr.dial().sip('sip:+16045550123@clinic.sip.twilio.com');
    expect(ids(vr)).toEqual(['TW-VOICE-US-ONLY']);
    const ok = new twilio.twiml.VoiceResponse();
    ok.dial().sip('sip:+12125550100@clinic.sip.twilio.com');
    ok.dial().sip('sip:frontdesk@clinic.sip.twilio.com');
    expect(ids(ok)).toEqual([]);
  });
});
