/**
 * Helpers for the renewal-chain engine tests (test/engine/renewal-*.test.ts), on top of the shared ./helpers.ts
 * (credential store, log readers): a sandbox with a short delivery delay, builders for the four nodes mapped with
 * expressions as a user wires them, multi-node runs behind a Manual Trigger, and a secrets check.
 */
import type { IConnections, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OvhApi } from '../../credentials/OvhApi.credentials';
import { OvhCreateRenewOrder } from '../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { OvhListRenewStrategies } from '../../nodes/OvhListRenewStrategies/OvhListRenewStrategies.node';
import { OvhPayOrder } from '../../nodes/OvhPayOrder/OvhPayOrder.node';
import { DEMO_KEYS } from '../../sandbox';
import type { LoggedRequest, RunningSandbox } from '../../sandbox';
import { chain, manualTriggerNode, node, runWorkflow } from '../harness';
import type { CredentialStore, RunResult } from '../harness';
import {
	byIdLocator as byId,
	deepText,
	failure,
	loggedRequests,
	newOrders,
	ovhCredentialStore,
	sleepMs,
	useSandbox,
} from './helpers';

/** `byId`: a resource-locator value in "By ID" mode (a literal or an expression). */
export { byId, failure, newOrders, ovhCredentialStore, sleepMs, useSandbox };

export const NODE_TYPES = [OvhGetServiceInfo, OvhListRenewStrategies, OvhCreateRenewOrder, OvhPayOrder];
export const CREDENTIAL_TYPES = [OvhApi];

export { OvhApi, OvhCreateRenewOrder, OvhGetServiceInfo, OvhListRenewStrategies, OvhPayOrder };


export const MAP_SERVICE_ID = byId('={{ $json.serviceId }}');

export function getServiceInfoNode(parameters: INodeParameters, name = 'Get Service Info'): INode {
	return node('ovhGetServiceInfo', name, parameters);
}

export function listStrategiesNode(parameters: INodeParameters, name = 'List Renew Strategies'): INode {
	return node('ovhListRenewStrategies', name, { serviceId: MAP_SERVICE_ID, ...parameters });
}

/** Create Renew Order mapped from List Renew Strategies' output. */
export function createOrderNode(parameters: INodeParameters = {}, name = 'Create Renew Order'): INode {
	return node('ovhCreateRenewOrder', name, {
		serviceId: MAP_SERVICE_ID,
		duration: '={{ $json.renewPeriod }}',
		services: "={{ $json.services.join(',') }}",
		...parameters,
	});
}

/** Pay Order mapped from Create Renew Order's output, with PayPal #1234 by default. */
export function payOrderNode(parameters: INodeParameters = {}, name = 'Pay Order'): INode {
	return node('ovhPayOrder', name, {
		orderId: '={{ $json.orderId }}',
		payWith: 'registeredPaymentMean',
		paymentMean: 'paypal',
		paymentMeanId: '1234',
		...parameters,
	});
}

export interface RunChainOptions {
	inputItems?: INodeExecutionData[];
	connections?: IConnections;
	store?: CredentialStore;
}

/** Runs the nodes as a linear workflow behind an explicit Manual Trigger. */
export async function runNodes(sbx: RunningSandbox, nodes: INode[], opts: RunChainOptions = {}): Promise<RunResult> {
	const trigger = manualTriggerNode('Manual Trigger');
	const all = [trigger, ...nodes];
	return await runWorkflow({
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
		credentials: opts.store ?? ovhCredentialStore(sbx),
		workflow: { nodes: all, connections: opts.connections ?? chain(...all) },
		inputItems: opts.inputItems,
	});
}

/** Runs one node behind a Manual Trigger that emits `items` (default one empty item). */
export async function runOne(
	sbx: RunningSandbox,
	type: string,
	parameters: INodeParameters,
	opts: RunChainOptions & { extra?: Partial<INode> } = {},
): Promise<RunResult> {
	return await runNodes(sbx, [node(type, 'Node', parameters, opts.extra)], opts);
}

/** `calls(sbx, method?, pathGlob?)`: request log entries (helpers.ts' loggedRequests under the name these tests use). */
export { loggedRequests as calls };

/** Every logged request but the unsigned clock read (`GET /auth/time`). */
export function apiCalls(sbx: RunningSandbox): LoggedRequest[] {
	return sbx.requests().filter((r) => r.path !== '/auth/time');
}

/** `METHOD path` of each logged request (clock reads left out), for readable assertions. */
export function callList(sbx: RunningSandbox): string[] {
	return apiCalls(sbx).map((r) => `${r.method} ${r.path}`);
}

export function posts(sbx: RunningSandbox): LoggedRequest[] {
	return loggedRequests(sbx, 'POST');
}

/** An admin call (`/__sandbox/...`), unsigned JSON. */
export async function admin(sbx: RunningSandbox, method: string, path: string, body?: unknown): Promise<unknown> {
	const res = await fetch(`${sbx.origin}/__sandbox${path}`, {
		method,
		headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`);
	return text ? (JSON.parse(text) as unknown) : null;
}

export function serviceExpiration(sbx: RunningSandbox, serviceId: number): string {
	const service = sbx.state().services.find((s) => s.serviceId === serviceId);
	if (!service) throw new Error(`no service ${serviceId} in the sandbox`);
	return service.expiration;
}

/** YYYY-MM-DD + a PnY / PnM duration, month ends clamped (2030-01-31 + P1M = 2030-02-28). */
export function addPeriod(date: string, period: string): string {
	const m = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(period);
	if (!m) throw new Error(`addPeriod: unsupported ${period}`);
	const months = Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
	const [y, mo, d] = date.split('-').map(Number);
	const total = y * 12 + (mo - 1) + months;
	const year = Math.floor(total / 12);
	const month = total % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const day = Math.min(d, lastDay);
	return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Asserts that nothing the run produced (run data, the recorded error, the thrown error) holds a secret key. */
export function expectNoSecrets(result: RunResult): void {
	const text = deepText({ runData: result.runData, error: result.error ?? null, thrown: result.thrownError ?? null });
	expect(text).not.toContain(DEMO_KEYS.applicationSecret);
	expect(text).not.toContain(DEMO_KEYS.consumerKey);
}
