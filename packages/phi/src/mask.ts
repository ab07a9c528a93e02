// Masks a phone number the way Twilio's Phone Number Redaction does: the last four
// digits hidden (`+14155551234` -> `+1415555****`). Channel prefixes (`whatsapp:`)
// are kept so evidence still shows the channel.
export function maskPhoneNumber(value: string): string {
  const match = /^([a-z]+:)?(\+?)(\d[\d\s().-]*\d)$/i.exec(value.trim());
  if (!match) return '****';
  const [, channel = '', plus = '', body = ''] = match;
  const digits = body.replace(/\D/g, '');
  if (digits.length <= 4) return `${channel}${plus}****`;
  return `${channel}${plus}${digits.slice(0, -4)}****`;
}
