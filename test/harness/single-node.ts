/** One node outside a workflow run: listSearch / loadOptions (as the CLI's DynamicNodeParametersService runs them)
 * and poll (with n8n-core's PollContext). */
import { randomUUID } from 'node:crypto';

import {
	LoadOptionsContext,
	PollContext,
} from 'n8n-core';
import {
	deepCopy,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IPollFunctions,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { CredentialStore, toCredentialStore } from './credential-store';
import type { HarnessCredential } from './credential-store';
import { HarnessCredentialTypes } from './credential-types';
import type { CredentialTypeClass } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialEvent } from './credentials-helper';
import { ensureEnvironment } from './environment';
import {
	HarnessNodeTypes,
	latestVersion,
	MANUAL_TRIGGER_TYPE,
} from './node-types';
import type { NodeTypeClass } from './node-types';
import { createAdditionalData, nextExecutionId } from './additional-data';
import { plain, replaceContents } from './results';
import { assignCredentials } from './workflow';

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
		executionId: mode === 'manual' ? nextExecutionId() : undefined,
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
