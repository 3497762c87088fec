/** `runWorkflow`: a whole workflow through n8n-core's real `WorkflowExecute`. */

import {
	ExecutionLifecycleHooks,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialStore, toCredentialStore } from './credential-store';
import type { HarnessCredential } from './credential-store';
import { HarnessCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { ensureEnvironment } from './environment';
import {
	HarnessNodeTypes,
} from './node-types';
import { createAdditionalData, nextExecutionId } from './additional-data';
import { replaceContents, runResult } from './results';
import type { RunResult } from './results';
import { assignCredentials, ensureStartNode, loadWorkflow } from './workflow';
import type { WorkflowDefinition } from './workflow';

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

	const startNode = ensureStartNode(nodes, connections, nodeTypes);

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

	const executionId = nextExecutionId();
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

	return runResult({ run, nodeTypes, store, credentialsHelper, executionOrder, workflow });
}
