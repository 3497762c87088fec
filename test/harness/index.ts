/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
/**
 * In-process n8n engine harness: runs workflows with n8n-core's real `WorkflowExecute`, real
 * node execution contexts and real HTTP helpers (axios through `@n8n/backend-network`), with a
 * credentials helper that mirrors the n8n CLI's (see ./credentials.ts).
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
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	UnexpectedError,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IPollFunctions,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	CredentialStore,
	HarnessCredentialsHelper,
	HarnessCredentialTypes,
	toCredentialStore,
} from './credentials';
import type { CredentialEvent, CredentialTypeClass, HarnessCredential } from './credentials';
import { ensureEnvironment } from './environment';
import {
	HarnessNodeTypes,
	latestVersion,
	MANUAL_TRIGGER_TYPE,
	PACKAGE_NAME,
} from './node-types';
import type { NodeTypeClass, ThrownNodeError } from './node-types';

export { CredentialStore, createCredentialStore, HarnessCredentialsHelper } from './credentials';
export type { CredentialEvent, CredentialUpdate, HarnessCredential } from './credentials';
export { HarnessManualTrigger, MANUAL_TRIGGER_TYPE, PACKAGE_NAME } from './node-types';
export type { ThrownNodeError } from './node-types';

ensureEnvironment();

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
	id?: string;
	name?: string;
}

export interface RunOptions {
	/** The package's node classes (the Manual-Trigger stand-in is always available). */
	nodeTypes: Array<new () => INodeType | IVersionedNodeType>;
	/** Credential classes, e.g. the real `OvhApi`. */
	credentialTypes?: Array<new () => ICredentialType>;
	/**
	 * Stored credentials keyed by the id used in `node.credentials[type].id`, or a shared
	 * `CredentialStore` (see `createCredentialStore`) to persist preAuthentication results
	 * across runs, like n8n's database does.
	 */
	credentials?: Record<string, HarnessCredential> | CredentialStore;
	/**
	 * Inline workflow, or the path of an exported n8n workflow JSON. Node types such as
	 * `n8n-nodes-ovh-renewal.ovhGetServiceInfo`, `CUSTOM.ovhGetServiceInfo` or
	 * `ovhGetServiceInfo` map to the given classes; `n8n-nodes-base.manualTrigger` maps to the
	 * harness's Manual Trigger. Without a trigger node, a Manual Trigger is added and connected
	 * to every node without a main input. `pinData` in the JSON is ignored.
	 */
	workflow: WorkflowDefinition | string;
	/** Items the start node emits (default `[{ json: {} }]`). */
	inputItems?: INodeExecutionData[];
	/**
	 * Workflow static data (`{ global: {...}, 'node:<name>': {...} }`). As in n8n, it is written
	 * back (into this very object) only for non-manual modes, when the run changed it.
	 * `result.staticData` always shows the state at the end of the run.
	 */
	staticData?: IDataObject;
	/** Execution mode; default `manual` (what "Execute workflow" and `n8n execute` use). */
	mode?: WorkflowExecuteMode;
	/**
	 * Give nodes that declare a credential type but have no `credentials` entry for it the
	 * first stored credential of that type (what the editor does when you add a node).
	 * Default true.
	 */
	autoAssignCredentials?: boolean;
}

export interface RunResult {
	status: ExecutionStatus;
	/**
	 * The execution-level error exactly as n8n-core records it: a plain-object copy
	 * (`{ ...error, message, stack }`) of what the node threw - `name`, `httpCode`,
	 * `description`, `context`, `node`, `messages`, ... but no prototype and no `cause`.
	 * Use `thrownError` for the instance.
	 */
	error?: ExecutionError;
	/** The error instance thrown by the node that failed the run (e.g. a real `NodeApiError`, with its `cause`). */
	thrownError?: Error;
	/** Every error thrown out of a node's `execute()`/`poll()` during the run, in order. */
	thrownErrors: ThrownNodeError[];
	runData: IRunData;
	/** Items of the node's last run on `main[outputIndex]`; throws if the node did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** `output(nodeName).map(i => i.json)` */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** The error a node's last run ended with, if any. */
	nodeError(nodeName: string): ExecutionError | undefined;
	/** Stored credential data after the run (id → data), as preAuthentication persisted it. */
	credentialStore: Map<string, ICredentialDataDecryptedObject>;
	/** The live store (the one passed in, or the one created for this run). */
	store: CredentialStore;
	/** What the credentials helper was asked to do during this run. */
	credentialEvents: CredentialEvent[];
	/** Node names in the order they finished. */
	executionOrder: string[];
	/** Workflow static data at the end of the run (plain copy). */
	staticData: IDataObject;
	/** The raw `IRun` n8n-core handed to `workflowExecuteAfter`. */
	run: IRun;
	workflow: Workflow;
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

export const MANUAL_TRIGGER_NAME = 'When clicking ‘Execute workflow’';

export function manualTriggerNode(name: string = MANUAL_TRIGGER_NAME): INode {
	return {
		id: randomUUID(),
		name,
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/**
 * A workflow node. `type` may be a bare node name (`ovhGetServiceInfo`, prefixed with the
 * package name) or a full type name. `typeVersion` defaults to 1 (pass it in `extra`).
 */
export function node(
	type: string,
	name: string,
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	return {
		id: randomUUID(),
		name,
		type: type.includes('.') ? type : `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	};
}

/** `{ [type]: { id, name } }` for `node.credentials`. */
export function credentialRef(type: string, id: string, name: string = id): INodeCredentials {
	return { [type]: { id, name } };
}

/** Connects the nodes' main outputs 0 → main inputs 0, in order. */
export function chain(...nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return connections;
}

// ---------------------------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------------------------

let executionCounter = 0;

interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	executionId?: string;
	hooks?: ExecutionLifecycleHooks;
	workflowId?: string;
	currentNodeParameters?: INodeParameters;
}

const BASE_URL = 'http://localhost:5678';

/**
 * A plain `IWorkflowExecuteAdditionalData` (a deep mock makes n8n-core try to decrypt runner
 * identities and crash).
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`Harness: ${what} is not supported`);
	};
	return {
		credentialsHelper: options.credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		workflowId: options.workflowId,
		currentNodeParameters: options.currentNodeParameters,
		currentNodeExecutionIndex: 0,
		userId: 'harness-user',
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runner)'),
	};
}

function loadWorkflow(source: WorkflowDefinition | string): WorkflowDefinition {
	const definition =
		typeof source === 'string'
			? (JSON.parse(readFileSync(source, 'utf8')) as WorkflowDefinition)
			: source;
	// never let the engine mutate the caller's objects
	return deepCopy({
		id: definition.id,
		name: definition.name,
		nodes: definition.nodes,
		connections: definition.connections ?? {},
		settings: definition.settings,
		staticData: definition.staticData,
	}) as WorkflowDefinition;
}

function isTriggerLike(type: INodeType): boolean {
	return (
		type.description.group.includes('trigger') ||
		type.poll !== undefined ||
		type.trigger !== undefined ||
		type.webhook !== undefined
	);
}

function hasMainInput(connections: IConnections, nodeName: string): boolean {
	return Object.values(connections).some((byType) =>
		(byType.main ?? []).some((outputs) => (outputs ?? []).some((c) => c.node === nodeName)),
	);
}

function assignCredentials(nodes: INode[], nodeTypes: HarnessNodeTypes, store: CredentialStore) {
	for (const workflowNode of nodes) {
		const type = nodeTypes.resolve(workflowNode.type);
		if (!type) continue;
		const description = nodeTypes.getByNameAndVersion(workflowNode.type, workflowNode.typeVersion)
			.description;
		for (const credential of description.credentials ?? []) {
			if (workflowNode.credentials?.[credential.name]) continue;
			const stored = store.findByType(credential.name);
			if (!stored) continue;
			workflowNode.credentials = {
				...(workflowNode.credentials ?? {}),
				[credential.name]: { id: stored.id, name: stored.name },
			};
		}
	}
}

function plain<T>(value: T): T {
	return JSON.parse(
		JSON.stringify(value, (key, v: unknown) => (key === '__dataChanged' ? undefined : v)),
	) as T;
}

function replaceContents(target: IDataObject, source: IDataObject) {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, plain(source));
}

// ---------------------------------------------------------------------------------------------
// runWorkflow
// ---------------------------------------------------------------------------------------------

export async function runWorkflow(opts: RunOptions): Promise<RunResult> {
	ensureEnvironment();
	const mode = opts.mode ?? 'manual';
	const nodeTypes = new HarnessNodeTypes(opts.nodeTypes);
	const credentialTypes = new HarnessCredentialTypes(opts.credentialTypes ?? [], nodeTypes);
	const store = toCredentialStore(opts.credentials);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, store);

	const definition = loadWorkflow(opts.workflow);
	const nodes = definition.nodes;
	const connections = definition.connections;

	// find (or add) the start node
	let startNode = nodes.find((n) => {
		const type = nodeTypes.resolve(n.type);
		return (
			type !== undefined &&
			!n.disabled &&
			isTriggerLike(nodeTypes.getByNameAndVersion(n.type, n.typeVersion)) &&
			!hasMainInput(connections, n.name)
		);
	});
	if (!startNode) {
		startNode = manualTriggerNode(
			nodes.some((n) => n.name === MANUAL_TRIGGER_NAME) ? `${MANUAL_TRIGGER_NAME} (harness)` : undefined,
		);
		const roots = nodes.filter((n) => !hasMainInput(connections, n.name));
		if (roots.length > 0) {
			connections[startNode.name] = {
				main: [roots.map((root) => ({ node: root.name, type: 'main' as const, index: 0 }))],
			};
		}
		nodes.unshift(startNode);
	}

	if (opts.autoAssignCredentials !== false) assignCredentials(nodes, nodeTypes, store);

	const workflowId = definition.id ?? 'harness-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: definition.name ?? 'Harness workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: deepCopy(opts.staticData ?? definition.staticData ?? {}),
		settings: definition.settings ?? { executionOrder: 'v1' },
	});

	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: workflow.settings,
		staticData: workflow.staticData,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	let afterRun: IRun | undefined;
	let newStaticData: IDataObject | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData, staticData) => {
		afterRun = fullRunData;
		newStaticData = staticData;
	});

	const additionalData = createAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
	});

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(startNode.name) ?? startNode,
					data: { main: [deepCopy(opts.inputItems ?? [{ json: {} }])] },
					source: null,
				},
			],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const returned = await workflowExecute.processRunExecutionData(workflow);
	const run = afterRun ?? returned;

	if (opts.staticData && mode !== 'manual' && newStaticData) {
		replaceContents(opts.staticData, newStaticData);
	}

	const runData = run.data.resultData.runData;
	const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName];
		if (!runs || runs.length === 0) {
			const ran = Object.keys(runData).join(', ') || 'none';
			const error = run.data.resultData.error;
			throw new UserError(
				`Harness: node "${nodeName}" did not run (ran: ${ran}; status: ${run.status}${error ? `; error: ${error.message}` : ''})`,
			);
		}
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};

	const failedNode = run.data.resultData.lastNodeExecuted;
	const thrownError =
		run.data.resultData.error === undefined
			? undefined
			: nodeTypes.thrown.filter((t) => t.nodeName === failedNode).at(-1)?.error;

	return {
		status: run.status,
		error: run.data.resultData.error,
		thrownError,
		thrownErrors: nodeTypes.thrown,
		runData,
		output,
		json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((item) => item.json),
		nodeError: (nodeName) => runData[nodeName]?.at(-1)?.error,
		credentialStore: store.snapshot(),
		store,
		credentialEvents: credentialsHelper.events,
		executionOrder,
		staticData: plain(workflow.staticData),
		run,
		workflow,
	};
}

// ---------------------------------------------------------------------------------------------
// listSearch / loadOptions (mirror of the CLI's DynamicNodeParametersService)
// ---------------------------------------------------------------------------------------------

export interface MethodOptions {
	credentialTypes?: CredentialTypeClass[];
	credentials?: Record<string, HarnessCredential> | CredentialStore;
	/** The node's credentials; default: the first stored credential of each declared type. */
	nodeCredentials?: INodeCredentials;
	/** The node's current parameters (defaults are filled in as the editor does). */
	parameters?: INodeParameters;
	/** Parameter path the editor sends, e.g. `parameters.serviceName` (for `&sibling` lookups). */
	path?: string;
	typeVersion?: number;
}

export interface ListSearchOptions extends MethodOptions {
	filter?: string;
	paginationToken?: string;
}

function singleNodeTypeName(nodeTypes: HarnessNodeTypes): string {
	const entry = nodeTypes.knownNodeTypes().find(([name]) => name !== MANUAL_TRIGGER_TYPE);
	if (!entry) throw new UnexpectedError('Harness: no node class given');
	return entry[0];
}

/** What running one node outside a workflow execution needs: its type registry, credentials and version. */
function singleNodeSetup(
	nodeClass: NodeTypeClass,
	opts: Pick<MethodOptions, 'credentialTypes' | 'credentials' | 'typeVersion'>,
) {
	ensureEnvironment();
	const nodeTypes = new HarnessNodeTypes([nodeClass]);
	const credentialTypes = new HarnessCredentialTypes(opts.credentialTypes ?? [], nodeTypes);
	const store = toCredentialStore(opts.credentials);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, store);
	const fullName = singleNodeTypeName(nodeTypes);
	const typeVersion = opts.typeVersion ?? latestVersion(nodeTypes.getByName(fullName));
	return { nodeTypes, store, credentialsHelper, fullName, typeVersion };
}

function methodContext(nodeClass: NodeTypeClass, methodName: string, opts: MethodOptions) {
	const { nodeTypes, store, credentialsHelper, fullName, typeVersion } = singleNodeSetup(nodeClass, opts);

	const tempNode: INode = {
		parameters: deepCopy(opts.parameters ?? {}),
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: fullName,
		typeVersion,
		position: [0, 0],
	};
	if (opts.nodeCredentials) {
		tempNode.credentials = opts.nodeCredentials;
	} else {
		assignCredentials([tempNode], nodeTypes, store);
	}

	const workflow = new Workflow({
		nodes: [tempNode],
		connections: {},
		active: false,
		nodeTypes,
	});
	const workflowNode = workflow.nodes['Temp-Node'];
	const additionalData = createAdditionalData({
		credentialsHelper,
		currentNodeParameters: workflowNode.parameters,
	});
	const context = new LoadOptionsContext(
		workflow,
		workflowNode,
		additionalData,
		opts.path ?? `parameters.${methodName}`,
	);
	const nodeType = nodeTypes.getByNameAndVersion(fullName, typeVersion);
	return { context, nodeType, credentialsHelper, store };
}

/** Runs `methods.listSearch[methodName]` the way the editor's resource locator does. */
export async function runListSearch(
	nodeClass: NodeTypeClass,
	methodName: string,
	opts: ListSearchOptions = {},
): Promise<INodeListSearchResult> {
	const { context, nodeType } = methodContext(nodeClass, methodName, opts);
	const method = nodeType.methods?.listSearch?.[methodName] as
		| ((this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>)
		| undefined;
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Harness: node has no methods.listSearch.${methodName}`);
	}
	return await method.call(context, opts.filter, opts.paginationToken);
}

/** Runs `methods.loadOptions[methodName]` the way the editor's options dropdown does. */
export async function runLoadOptions(
	nodeClass: NodeTypeClass,
	methodName: string,
	opts: MethodOptions = {},
): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = methodContext(nodeClass, methodName, opts);
	const method = nodeType.methods?.loadOptions?.[methodName] as
		| ((this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>)
		| undefined;
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Harness: node has no methods.loadOptions.${methodName}`);
	}
	return await method.call(context);
}

// ---------------------------------------------------------------------------------------------
// poll
// ---------------------------------------------------------------------------------------------

export interface PollOptions {
	credentialTypes?: CredentialTypeClass[];
	credentials?: Record<string, HarnessCredential> | CredentialStore;
	nodeCredentials?: INodeCredentials;
	parameters?: INodeParameters;
	/**
	 * The node's static data (what `this.getWorkflowStaticData('node')` returns). Written back
	 * into this object when `poll()` returns (items or null); left untouched when it throws.
	 */
	staticData?: IDataObject;
	/** `trigger` (an active workflow's poller, default) or `manual` (the editor's "Fetch test event"). */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
	nodeName?: string;
	typeVersion?: number;
}

export interface PollResult {
	/** What `poll()` returned. */
	items: INodeExecutionData[][] | null;
	/** Node static data after the poll (plain copy). */
	staticData: IDataObject;
	credentialStore: Map<string, ICredentialDataDecryptedObject>;
	credentialEvents: CredentialEvent[];
	context: IPollFunctions;
}

/** Calls the node's `poll()` with n8n-core's real `PollContext`. */
export async function runPoll(nodeClass: NodeTypeClass, opts: PollOptions = {}): Promise<PollResult> {
	const mode = opts.mode ?? 'trigger';
	const { nodeTypes, store, credentialsHelper, fullName, typeVersion } = singleNodeSetup(nodeClass, opts);
	const nodeName = opts.nodeName ?? 'Poll';

	const pollNode: INode = {
		id: randomUUID(),
		name: nodeName,
		type: fullName,
		typeVersion,
		position: [0, 0],
		parameters: deepCopy(opts.parameters ?? {}),
	};
	if (opts.nodeCredentials) pollNode.credentials = opts.nodeCredentials;
	else assignCredentials([pollNode], nodeTypes, store);

	const staticKey = `node:${nodeName}`;
	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes: [pollNode],
		connections: {},
		active: mode === 'trigger',
		nodeTypes,
		staticData: { [staticKey]: deepCopy(opts.staticData ?? {}) },
		settings: { executionOrder: 'v1' },
	});
	const workflowNode = workflow.nodes[nodeName];
	const nodeType = nodeTypes.getByNameAndVersion(fullName, typeVersion);
	if (typeof nodeType.poll !== 'function') {
		throw new UnexpectedError(`Harness: node type "${fullName}" has no poll()`);
	}

	const additionalData = createAdditionalData({
		credentialsHelper,
		executionId: mode === 'manual' ? `harness-${++executionCounter}` : undefined,
		workflowId: workflow.id,
	});
	const context = new PollContext(
		workflow,
		workflowNode,
		additionalData,
		mode,
		opts.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
	);

	await workflow.expression.acquireIsolate();
	let items: INodeExecutionData[][] | null;
	try {
		items = await nodeType.poll.call(context);
	} finally {
		await workflow.expression.releaseIsolate();
	}

	const nodeStaticData = plain((workflow.staticData[staticKey] ?? {}) as IDataObject);
	if (opts.staticData) replaceContents(opts.staticData, nodeStaticData);

	return {
		items,
		staticData: nodeStaticData,
		credentialStore: store.snapshot(),
		credentialEvents: credentialsHelper.events,
		context,
	};
}
