// Reads Twilio's official OpenAPI specs from the @twilio-alpha/mcp dependency. The files
// stay in node_modules (never copied into the repo); this module only finds and parses them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OpenApiDoc {
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface PathItem {
  servers?: { url: string }[];
  'x-twilio'?: { pathType?: 'list' | 'instance'; parent?: string; className?: string; mountName?: string };
  get?: Operation;
  post?: Operation;
  put?: Operation;
  delete?: Operation;
  [key: string]: unknown;
}

export interface Operation {
  parameters?: { name: string; in: string; schema?: SchemaObject; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema?: SchemaObject; examples?: Record<string, { value: unknown }> }> }>;
}

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  required?: string[];
  [key: string]: unknown;
}

/** The spec files the twin serves: the APIs a HIPAA scan reaches. `api` names the fixture key. */
export const SERVED_SPECS: readonly { file: string; api: string }[] = [
  { file: 'twilio_api_v2010.json', api: 'api' },
  { file: 'twilio_accounts_v1.json', api: 'accounts' },
  { file: 'twilio_chat_v2.json', api: 'chat' },
  { file: 'twilio_conversations_v1.json', api: 'conversations' },
  { file: 'twilio_events_v1.json', api: 'events' },
  { file: 'twilio_flex_v1.json', api: 'flex' },
  { file: 'twilio_marketplace_v1.json', api: 'marketplace' },
  { file: 'twilio_messaging_v1.json', api: 'messaging' },
  { file: 'twilio_messaging_v2.json', api: 'messaging' },
  { file: 'twilio_monitor_v1.json', api: 'monitor' },
  { file: 'twilio_serverless_v1.json', api: 'serverless' },
  { file: 'twilio_studio_v2.json', api: 'studio' },
  { file: 'twilio_sync_v1.json', api: 'sync' },
  { file: 'twilio_taskrouter_v1.json', api: 'taskrouter' },
  { file: 'twilio_trunking_v1.json', api: 'trunking' },
  { file: 'twilio_verify_v2.json', api: 'verify' },
  { file: 'twilio_video_v1.json', api: 'video' },
  { file: 'twilio_voice_v1.json', api: 'voice' },
  { file: 'twilio_lookups_v2.json', api: 'lookups' },
  // AI Assistants are not on the guide's eligible list; served so a scan can see them (TW-AUTOPILOT).
  { file: 'twilio_assistants_v1.json', api: 'assistants' },
  // Proxy, Notify and Conversational Intelligence are not on the eligible list either; served
  // so a scan can see their services (TW-ELIGIBLE-ONLY).
  { file: 'twilio_proxy_v1.json', api: 'proxy' },
  { file: 'twilio_notify_v1.json', api: 'notify' },
  { file: 'twilio_intelligence_v2.json', api: 'intelligence' },
];

export function specDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@twilio-alpha/mcp/package.json');
  return join(dirname(pkg), 'twilio-oai', 'spec', 'json');
}

export function readSpec(file: string): OpenApiDoc {
  return JSON.parse(readFileSync(join(specDirectory(), file), 'utf8')) as OpenApiDoc;
}
