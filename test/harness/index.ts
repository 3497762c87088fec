/**
 * In-process n8n engine harness: runs workflows with n8n-core's real `WorkflowExecute`, real
 * node execution contexts and real HTTP helpers (axios through `@n8n/backend-network`), with a
 * credentials helper that mirrors the n8n CLI's (see ./credentials-helper.ts).
 *
 *   const result = await runWorkflow({
 *     nodeTypes: [OvhGetServiceInfo],
 *     credentialTypes: [OvhApi],
 *     credentials: { ovh: { type: 'ovhApi', data: { ... } } },
 *     workflow: { nodes: [node('ovhGetServiceInfo', 'Get', { ... }, { credentials: credentialRef('ovhApi', 'ovh') })], connections: {} },
 *   });
 *   expect(result.status).toBe('success');
 *   expect(result.json('Get')).toEqual([...]);
 */
import { ensureEnvironment } from './environment';

export { createAdditionalData } from './additional-data';
export { CredentialStore, createCredentialStore } from './credential-store';
export type { CredentialUpdate, HarnessCredential } from './credential-store';
export { HarnessCredentialsHelper } from './credentials-helper';
export { HTTP_REQUEST_STAND_IN, httpRequestStandIn } from './http-request-stand-in';
export type { CredentialEvent } from './credentials-helper';
export { HarnessManualTrigger, MANUAL_TRIGGER_TYPE, PACKAGE_NAME } from './node-types';
export type { ThrownNodeError } from './node-types';
export type { RunResult } from './results';
export { runWorkflow } from './run-workflow';
export type { RunOptions } from './run-workflow';
export { runListSearch, runLoadOptions, runPoll } from './single-node';
export type { ListSearchOptions, MethodOptions, PollOptions, PollResult } from './single-node';
export { chain, credentialRef, manualTriggerNode, MANUAL_TRIGGER_NAME, node } from './workflow';
export type { WorkflowDefinition } from './workflow';

ensureEnvironment();
