/**
 * The one helpers module of the engine tests (test/engine/<subject>/*.test.ts): one OVH sandbox per test file, the
 * real `ovhApi` credential pointed at it, workflow runners (one node, or a chain behind a Manual Trigger), builders
 * for the four nodes mapped with expressions as a user wires them, readers for the sandbox request log, and a
 * secrets check. File-specific builders belong in the test files.
 *
 *   const sandbox = useSandbox();                       // beforeAll start / beforeEach reset / afterAll close
 *   const result = await runNode(sandbox(), OvhGetServiceInfo, { lookup: 'byName', product: 'ip', serviceName: '…' });
 *   expect(requestLines(sandbox())).toEqual(['GET /auth/time 200', 'GET /ip/141.94.185.0%2F28/serviceInfos 200']);
 */
import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { OvhApi } from '../../credentials/OvhApi.credentials';
import { OvhCreateRenewOrder } from '../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { OvhListRenewStrategies } from '../../nodes/OvhListRenewStrategies/OvhListRenewStrategies.node';
import { OvhPayOrder } from '../../nodes/OvhPayOrder/OvhPayOrder.node';
import { addPeriod as addOrderPeriod } from '../../nodes/OvhPayOrder/delivery';
import { DEMO_KEYS, startSandbox } from '../../sandbox';
import type { LoggedRequest, RunningSandbox, SandboxOptions } from '../../sandbox';
import { createCredentialStore, manualTriggerNode, node, runWorkflow, chain } from '../harness';
import type { CredentialStore, HarnessCredential, RunResult } from '../harness';

type NodeClass = Parameters<typeof runWorkflow>[0]['nodeTypes'][number];

/** The id of the sandbox credential in stores built here. */
export const CREDENTIAL_ID = 'ovh';

/**
 * Starts one sandbox for the test file (free port, quiet) and returns a getter for it. Before each test the
 * sandbox is reset (state, faults, clock offset, error shape) and its request log cleared.
 */
export function useSandbox(opts: SandboxOptions = {}): () => RunningSandbox {
	let sbx: RunningSandbox | undefined;
	beforeAll(async () => {
		sbx = await startSandbox({ port: 0, quiet: true, ...opts });
	});
	beforeEach(() => {
		sbx?.reset();
		sbx?.clearRequests();
	});
	afterAll(async () => {
		await sbx?.close();
	});
	return () => {
		if (!sbx) throw new Error('useSandbox: the sandbox is not started (call the getter inside a test)');
		return sbx;
	};
}

export interface OvhCredentialData extends ICredentialDataDecryptedObject {
	endpoint: string;
	customUrl: string;
	applicationKey: string;
	applicationSecret: string;
	consumerKey: string;
	/** '' (default) makes n8n read /auth/time before the first call; '0' = already in sync with a 0-offset sandbox. */
	timeDelta: string;
}

/** The `ovhApi` credential data for the sandbox: custom endpoint + the demo keys, overridable field by field. */
export function ovhCredentialData(sbx: RunningSandbox, overrides: Partial<OvhCredentialData> = {}): OvhCredentialData {
	return {
		endpoint: 'custom',
		customUrl: sbx.baseUrl,
		applicationKey: DEMO_KEYS.applicationKey,
		applicationSecret: DEMO_KEYS.applicationSecret,
		consumerKey: DEMO_KEYS.consumerKey,
		timeDelta: '',
		...overrides,
	};
}

export function ovhCredential(sbx: RunningSandbox, overrides: Partial<OvhCredentialData> = {}): HarnessCredential {
	return { type: 'ovhApi', name: 'OVH sandbox', data: ovhCredentialData(sbx, overrides) };
}

/** A credential store holding the sandbox credential under CREDENTIAL_ID; share it between runs to keep timeDelta. */
export function ovhCredentialStore(sbx: RunningSandbox, overrides: Partial<OvhCredentialData> = {}): CredentialStore {
	return createCredentialStore({ [CREDENTIAL_ID]: ovhCredential(sbx, overrides) });
}

export const NODE_TYPES: NodeClass[] = [OvhGetServiceInfo, OvhListRenewStrategies, OvhCreateRenewOrder, OvhPayOrder];
export const CREDENTIAL_TYPES = [OvhApi];

export interface RunNodesOptions {
	/** A store to share between runs; default: a fresh one built from `credential`. */
	store?: CredentialStore;
	/** Overrides of the credential data when no `store` is given. */
	credential?: Partial<OvhCredentialData>;
	/** Items the Manual Trigger emits (default one empty item). */
	inputItems?: INodeExecutionData[];
	/** Connections; default: the Manual Trigger then the nodes in a line. */
	connections?: IConnections;
	/** Node classes to register; default: the four OVH nodes. */
	nodeTypes?: NodeClass[];
}

/** Runs the nodes as a linear workflow behind an explicit Manual Trigger, through n8n's real engine. */
export async function runNodes(sbx: RunningSandbox, nodes: INode[], opts: RunNodesOptions = {}): Promise<RunResult> {
	const trigger = manualTriggerNode('Manual Trigger');
	const all = [trigger, ...nodes];
	return await runWorkflow({
		nodeTypes: opts.nodeTypes ?? NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
		credentials: opts.store ?? ovhCredentialStore(sbx, opts.credential),
		workflow: { nodes: all, connections: opts.connections ?? chain(...all) },
		inputItems: opts.inputItems,
	});
}

export interface RunNodeOptions extends Omit<RunNodesOptions, 'connections' | 'nodeTypes'> {
	/** Node name (default 'Node'). */
	name?: string;
	/** Extra node fields, e.g. `{ onError: 'continueRegularOutput' }`. */
	extra?: Partial<INode>;
}

/** Runs a Manual Trigger → one node of `nodeClass` (the only node type registered) with these parameters. */
export async function runNode(
	sbx: RunningSandbox,
	nodeClass: NodeClass,
	parameters: INodeParameters,
	opts: RunNodeOptions = {},
): Promise<RunResult> {
	const target = node(new nodeClass().description.name, opts.name ?? 'Node', parameters, opts.extra);
	return await runNodes(sbx, [target], { ...opts, nodeTypes: [nodeClass] });
}

/** Runs one node of a type name (e.g. 'ovhPayOrder'), named 'Node', with the four OVH nodes registered. */
export async function runOne(
	sbx: RunningSandbox,
	type: string,
	parameters: INodeParameters,
	opts: RunNodesOptions & { extra?: Partial<INode> } = {},
): Promise<RunResult> {
	return await runNodes(sbx, [node(type, 'Node', parameters, opts.extra)], opts);
}

/** A resource-locator value in "By ID" mode (a literal or an expression such as `={{ $json.id }}`). */
export function byIdLocator(value: string | number): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value: String(value) };
}

function globToRegExp(glob: string): RegExp {
	return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** Logged OVH requests, optionally filtered by method and by a glob on the raw path (`*` spans segments). */
export function loggedRequests(sbx: RunningSandbox, method?: string, pathGlob?: string): LoggedRequest[] {
	const re = pathGlob === undefined ? undefined : globToRegExp(pathGlob);
	return sbx.requests().filter((r) => (!method || r.method === method) && (!re || re.test(r.path)));
}

/** `METHOD path status` per logged request (status 0 = dropped connection), for readable assertions. */
export function requestLines(sbx: RunningSandbox): string[] {
	return sbx.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** How many times the credential read OVH's clock (`GET /auth/time`). */
export function clockReads(sbx: RunningSandbox): number {
	return loggedRequests(sbx, 'GET', '/auth/time').length;
}

/** Orders created since the sandbox started (the default state holds one old order, 240000001). */
export function newOrders(sbx: RunningSandbox) {
	return sbx.state().orders.filter((o) => o.orderId >= 240000101);
}

/** The failing node's error as n8n recorded it (message + description). */
export function failure(result: RunResult): { message: string; description: string } {
	const error = result.error as { message?: string; description?: string | null } | undefined;
	return { message: String(error?.message ?? ''), description: String(error?.description ?? '') };
}

/**
 * Everything reachable from `value` as text, errors included (their non-enumerable message, stack and cause too),
 * to check that secrets appear nowhere.
 */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	const parts: string[] = [];
	const visit = (v: unknown, depth: number): void => {
		if (depth > 40) return;
		if (typeof v === 'string') {
			parts.push(v);
			return;
		}
		if (typeof v !== 'object' || v === null) {
			if (v !== undefined && typeof v !== 'function') parts.push(String(v));
			return;
		}
		if (seen.has(v)) return;
		seen.add(v);
		if (Buffer.isBuffer(v)) {
			parts.push(v.toString('utf8'));
			return;
		}
		if (v instanceof Map || v instanceof Set) {
			for (const entry of v.entries()) visit(entry, depth + 1);
			return;
		}
		const keys = new Set<string>(Object.getOwnPropertyNames(v));
		if (v instanceof Error) ['message', 'stack', 'cause', 'description'].forEach((k) => keys.add(k));
		for (const key of keys) {
			let child: unknown;
			try {
				child = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			parts.push(key);
			visit(child, depth + 1);
		}
	};
	visit(value, 0);
	return parts.join('\n');
}

export const sleepMs = async (ms: number): Promise<void> => await sleep(ms);

export const MAP_SERVICE_ID = byIdLocator('={{ $json.serviceId }}');

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

/** Pay Order mapped from Create Renew Order's output, with PayPal #1234 and a 100 cap by default. */
export function payOrderNode(parameters: INodeParameters = {}, name = 'Pay Order'): INode {
	return node('ovhPayOrder', name, {
		orderId: '={{ $json.orderId }}',
		maxAmount: '100',
		payWith: 'registeredPaymentMean',
		paymentMean: 'paypal',
		paymentMeanId: '1234',
		...parameters,
	});
}

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

/** YYYY-MM-DD + a PnY / PnM duration, month ends clamped: Pay Order's own rule (checked against the sandbox's). */
export function addPeriod(date: string, period: string): string {
	const moved = addOrderPeriod(date, period);
	if (moved === undefined) throw new Error(`addPeriod: unsupported ${period}`);
	return moved;
}

/** Asserts that nothing the run produced (run data, the recorded error, the thrown error) holds a secret key. */
export function expectNoSecrets(result: RunResult): void {
	const text = deepText({ runData: result.runData, error: result.error ?? null, thrown: result.thrownError ?? null });
	expect(text).not.toContain(DEMO_KEYS.applicationSecret);
	expect(text).not.toContain(DEMO_KEYS.consumerKey);
}

/** Creates an unpaid renew order through Create Renew Order, checks it was created, and clears the request log. */
export async function createUnpaidOrder(sbx: RunningSandbox, serviceId = 12345, duration = 'P1Y', services = ''): Promise<number> {
	const result = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(serviceId), duration, services });
	expect(result.status).toBe('success');
	const orderId = result.json('Node')[0].orderId as number;
	expect(orderId).toBeGreaterThan(240000100);
	sbx.clearRequests();
	return orderId;
}

/** Runs Pay Order alone on one order (payOrderNode's defaults, then these parameters). */
export async function payOrder(sbx: RunningSandbox, orderId: number | string, parameters: INodeParameters = {}): Promise<RunResult> {
	return await runNodes(sbx, [payOrderNode({ orderId: String(orderId), ...parameters })]);
}

/** The order as the sandbox stores it. */
export function sandboxOrder(sbx: RunningSandbox, orderId: number) {
	const found = sbx.state().orders.find((o) => o.orderId === orderId);
	if (!found) throw new Error(`no order ${orderId}`);
	return found;
}
