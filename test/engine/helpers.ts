/**
 * Shared helpers for the engine tests (test/engine/*.test.ts): one OVH sandbox per test file, the real `ovhApi`
 * credential pointed at it, a one-node workflow runner, and readers for the sandbox request log.
 * Kept small and generic on purpose: file-specific builders belong in the test files (or their own helpers).
 *
 *   const sandbox = useSandbox();                       // beforeAll start / beforeEach reset / afterAll close
 *   const result = await runNode(sandbox(), OvhGetServiceInfo, { lookup: 'byName', product: 'ip', serviceName: '…' });
 *   expect(requestLines(sandbox())).toEqual(['GET /auth/time 200', 'GET /ip/141.94.185.0%2F28/serviceInfos 200']);
 */
import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { OvhApi } from '../../credentials/OvhApi.credentials';
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

export interface RunNodeOptions {
	/** A store to share between runs; default: a fresh one built from `credential`. */
	store?: CredentialStore;
	/** Overrides of the credential data when no `store` is given. */
	credential?: Partial<OvhCredentialData>;
	/** Items the Manual Trigger emits (default one empty item). */
	inputItems?: INodeExecutionData[];
	/** Node name (default 'Node'). */
	name?: string;
	/** Extra node fields, e.g. `{ onError: 'continueRegularOutput' }`. */
	extra?: Partial<INode>;
}

/** Runs a Manual Trigger → one node of `nodeClass` with these parameters, through n8n's real engine. */
export async function runNode(
	sbx: RunningSandbox,
	nodeClass: NodeClass,
	parameters: INodeParameters,
	opts: RunNodeOptions = {},
): Promise<RunResult> {
	const trigger = manualTriggerNode('Manual Trigger');
	const target = node(new nodeClass().description.name, opts.name ?? 'Node', parameters, opts.extra);
	return await runWorkflow({
		nodeTypes: [nodeClass],
		credentialTypes: [OvhApi],
		credentials: opts.store ?? ovhCredentialStore(sbx, opts.credential),
		workflow: { nodes: [trigger, target], connections: chain(trigger, target) },
		inputItems: opts.inputItems,
	});
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
