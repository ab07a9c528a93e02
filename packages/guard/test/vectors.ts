// Signature test vectors published in Twilio's helper-library test suites
// (twilio-python tests/unit/test_request_validator.py, twilio-node validation specs,
// TwilioDevEd api-snippets signature_validation). Auth token "12345".
export const VECTOR_TOKEN = '12345';
export const VECTOR_PATH = '/myapp.php?foo=1&bar=2';

export const VECTOR_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};

export interface SignatureVector {
  name: string;
  host: string;
  proto: 'https' | 'http';
  path: string;
  contentType: string;
  body: string;
  signature: string;
  /** What the twilio SDK says about the signature alone. */
  sdkValid: boolean;
  /** What the guard must answer: http is refused whatever the signature. */
  guardAccepts: boolean;
}

const form = (params: Record<string, string>): string => new URLSearchParams(params).toString();
const FORM = 'application/x-www-form-urlencoded';
const JSON_BODY = '{"property": "value", "boolean": true}';
const BODY_HASH = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';

export const SIGNATURE_VECTORS: readonly SignatureVector[] = [
  { name: 'form parameters', host: 'mycompany.com', proto: 'https', path: VECTOR_PATH, contentType: FORM, body: form(VECTOR_PARAMS), signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', sdkValid: true, guardAccepts: true },
  {
    name: 'api-snippets form parameters (+14158675310)',
    host: 'mycompany.com', proto: 'https', path: VECTOR_PATH, contentType: FORM,
    body: form({ ...VECTOR_PARAMS, Caller: '+14158675310', From: '+14158675310' }),
    signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=', sdkValid: true, guardAccepts: true,
  },
  { name: 'https, request has a port the signature lacks', host: 'mycompany.com:1234', proto: 'https', path: VECTOR_PATH, contentType: FORM, body: form(VECTOR_PARAMS), signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', sdkValid: true, guardAccepts: true },
  { name: 'https, signature made with :443', host: 'mycompany.com', proto: 'https', path: VECTOR_PATH, contentType: FORM, body: form(VECTOR_PARAMS), signature: 'kvajT1Ptam85bY51eRf/AJRuM3w=', sdkValid: true, guardAccepts: true },
  {
    name: 'repeated parameter (Digits twice)', host: 'mycompany.com', proto: 'https', path: VECTOR_PATH, contentType: FORM,
    body: 'Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234', signature: 'IK+Dwps556ElfBT0I3Rgjkr1wJU=', sdkValid: true, guardAccepts: true,
  },
  {
    name: 'JSON body signed through bodySHA256', host: 'mycompany.com', proto: 'https', path: `${VECTOR_PATH}&bodySHA256=${BODY_HASH}`, contentType: 'application/json',
    body: JSON_BODY, signature: 'a9nBmqA0ju/hNViExpshrM61xv4=', sdkValid: true, guardAccepts: true,
  },
  { name: 'plain http with port (valid signature, refused scheme)', host: 'mycompany.com:1234', proto: 'http', path: VECTOR_PATH, contentType: FORM, body: form(VECTOR_PARAMS), signature: 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', sdkValid: true, guardAccepts: false },
  { name: 'plain http signed with :80 (valid signature, refused scheme)', host: 'mycompany.com', proto: 'http', path: VECTOR_PATH, contentType: FORM, body: form(VECTOR_PARAMS), signature: '0ZXoZLH/DfblKGATFgpif+LLRf4=', sdkValid: true, guardAccepts: false },
  { name: 'tampered parameter', host: 'mycompany.com', proto: 'https', path: VECTOR_PATH, contentType: FORM, body: form({ ...VECTOR_PARAMS, Digits: '9999' }), signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', sdkValid: false, guardAccepts: false },
  { name: 'tampered JSON body', host: 'mycompany.com', proto: 'https', path: `${VECTOR_PATH}&bodySHA256=${BODY_HASH}`, contentType: 'application/json', body: JSON_BODY.replace('value', 'valuf'), signature: 'a9nBmqA0ju/hNViExpshrM61xv4=', sdkValid: false, guardAccepts: false },
  { name: 'tampered query string', host: 'mycompany.com', proto: 'https', path: '/myapp.php?foo=2&bar=2', contentType: FORM, body: form(VECTOR_PARAMS), signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', sdkValid: false, guardAccepts: false },
];
