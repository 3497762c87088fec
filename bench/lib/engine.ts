/**
 * Engine-side helpers for the benchmarks: the real `ovhApi` credential pointed at a sandbox, workflows of the
 * package's nodes run through the in-process n8n harness (test/harness), and request counts per node.
 */
import type { IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType, IRunData } from 'n8n-workflow';

import { OvhApi } from '../../credentials/OvhApi.credentials';
import { OvhCreateRenewOrder } from '../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { OvhListRenewStrategies } from '../../nodes/OvhListRenewStrategies/OvhListRenewStrategies.node';
import { OvhPayOrder } from '../../nodes/OvhPayOrder/OvhPayOrder.node';
import { DEMO_KEYS } from '../../sandbox';
import { chain, createCredentialStore, manualTriggerNode, node, runWorkflow } from '../../test/harness';
import type { CredentialStore, RunResult } from '../../test/harness';
import type { SandboxHit } from './sandbox-process';

export const NODE_TYPES = [OvhGetServiceInfo, OvhListRenewStrategies, OvhCreateRenewOrder, OvhPayOrder];
export const CREDENTIAL_TYPES = [OvhApi];
export const TRIGGER_NAME = 'Manual Trigger';

/**
 * One stored `ovhApi` credential for the sandbox. `timeDelta` starts empty, so the first request of the first run
 * reads GET /auth/time; share the store between runs, as n8n's database does, to read it only once.
 */
export function sandboxCredentialStore(baseUrl: string, extra: Record<string, string | number> = {}): CredentialStore {
	return createCredentialStore({
		ovh: {
			type: 'ovhApi',
			name: 'OVH sandbox',
			data: {
				endpoint: 'custom',
				customUrl: baseUrl,
				applicationKey: DEMO_KEYS.applicationKey,
				applicationSecret: DEMO_KEYS.applicationSecret,
				consumerKey: DEMO_KEYS.consumerKey,
				timeDelta: '',
				...extra,
			},
		},
	});
}

type NodeClass = new () => INodeType;

/**
 * The package's node classes, each calling `onStart(node name)` (and waiting for it) before its real `execute`, e.g.
 * to put a marker in the sandbox's request record so requests can be counted per node exactly.
 */
export function nodeTypesWithStartHook(onStart: (nodeName: string) => Promise<void>): NodeClass[] {
	return NODE_TYPES.map(
		(Base) =>
			class extends (Base as NodeClass) {
				constructor() {
					super();
					const execute = this.execute;
					if (execute) {
						this.execute = async function (this: IExecuteFunctions) {
							await onStart(this.getNode().name);
							return await execute.call(this);
						};
					}
				}
			},
	);
}

/** Runs Manual Trigger → nodes (in a line) through n8n-core's WorkflowExecute. */
export async function runLine(
	store: CredentialStore,
	nodes: INode[],
	inputItems?: INodeExecutionData[],
	nodeTypes: NodeClass[] = NODE_TYPES,
): Promise<RunResult> {
	const trigger = manualTriggerNode(TRIGGER_NAME);
	const all = [trigger, ...nodes];
	return await runWorkflow({
		nodeTypes,
		credentialTypes: CREDENTIAL_TYPES,
		credentials: store,
		workflow: { nodes: all, connections: chain(...all) },
		inputItems,
	});
}

export const getServiceInfo = (parameters: INodeParameters, name = 'Get Service Info'): INode =>
	node('ovhGetServiceInfo', name, parameters);

const SERVICE_ID_FROM_JSON = { __rl: true, mode: 'id', value: '={{ $json.serviceId }}' };

export const listRenewStrategies = (parameters: INodeParameters = {}, name = 'List Renew Strategies'): INode =>
	node('ovhListRenewStrategies', name, { serviceId: SERVICE_ID_FROM_JSON, ...parameters });

export const createRenewOrder = (parameters: INodeParameters = {}, name = 'Create Renew Order'): INode =>
	node('ovhCreateRenewOrder', name, {
		serviceId: SERVICE_ID_FROM_JSON,
		duration: '={{ $json.renewPeriod }}',
		services: "={{ $json.services.join(',') }}",
		...parameters,
	});

export const payOrder = (parameters: INodeParameters = {}, name = 'Pay Order'): INode =>
	node('ovhPayOrder', name, {
		orderId: '={{ $json.orderId }}',
		payWith: 'registeredPaymentMean',
		paymentMean: 'paypal',
		paymentMeanId: '1234',
		...parameters,
	});

/** Throws with n8n's error when a run did not succeed (a benchmark of a failing run would measure nothing useful). */
export function ensureSuccess(result: RunResult, what: string): void {
	if (result.status !== 'success') {
		const error = result.error as { message?: string; description?: string | null } | undefined;
		throw new Error(`${what}: execution ${result.status}: ${error?.message ?? '?'} ${error?.description ?? ''}`.trim());
	}
}

export interface NodeTiming {
	node: string;
	/** n8n's executionTime of the node's (last) run, ms. */
	ms: number;
	items: number;
	/** OVH requests the sandbox received from the node's start marker to the next one (GET /auth/time included). */
	requests: number;
}

/** Per-node time and output items from the run data, requests from the sandbox's per-marker counts. */
export function perNode(runData: IRunData, nodeNames: string[], perMark: Array<[string, number]>): NodeTiming[] {
	const requests = new Map<string, number>();
	for (const [label, count] of perMark) requests.set(label, (requests.get(label) ?? 0) + count);
	return nodeNames.map((name) => {
		const run = runData[name]?.at(-1);
		return {
			node: name,
			ms: run?.executionTime ?? Number.NaN,
			items: run?.data?.main?.[0]?.length ?? 0,
			requests: requests.get(name) ?? 0,
		};
	});
}

/** `METHOD /route/with/{ids}` → count, ids and names collapsed, most frequent first. */
export function requestsByRoute(log: SandboxHit[]): Array<[string, number]> {
	const counts = new Map<string, number>();
	for (const r of log) {
		// a batch GET (`/service/1,2,3`) is counted as `{ids…}`
		const route = r.path
			.replace(/\/me\/order\/\d+,[\d,]+/, '/me/order/{orderIds…}')
			.replace(/\/me\/order\/\d+/, '/me/order/{orderId}')
			.replace(/\/details\/\d+/, '/details/{detailId}')
			.replace(/\/service\/\d+,[\d,]+/, '/service/{serviceIds…}')
			.replace(/\/service\/\d+/, '/service/{serviceId}')
			.replace(/^\/(domain|vps|dedicated\/server|hosting\/web|ip)\/[^/]+,[^/]+\/serviceInfos$/, '/$1/{names…}/serviceInfos')
			.replace(/^\/(domain|vps|dedicated\/server|hosting\/web|ip)\/[^/]+\/serviceInfos$/, '/$1/{name}/serviceInfos');
		const key = `${r.method} ${route}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
