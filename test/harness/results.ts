/** What a harness run returns (`RunResult`) and how it is read out of n8n-core's `IRun`; plain copies of engine data. */

import {
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunData,
} from 'n8n-workflow';

import { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialEvent } from './credentials-helper';
import {
	HarnessNodeTypes,
} from './node-types';
import type { ThrownNodeError } from './node-types';

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

export function plain<T>(value: T): T {
	return JSON.parse(
		JSON.stringify(value, (key, v: unknown) => (key === '__dataChanged' ? undefined : v)),
	) as T;
}

/** Replaces the contents of `target` with a plain copy of `source` (static data written back in place). */
export function replaceContents(target: IDataObject, source: IDataObject) {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, plain(source));
}

export interface RunResultParts {
	run: IRun;
	nodeTypes: HarnessNodeTypes;
	store: CredentialStore;
	credentialsHelper: HarnessCredentialsHelper;
	executionOrder: string[];
	workflow: Workflow;
}

/** The run as tests read it: outputs by node name, errors (recorded and thrown), credential activity, static data. */
export function runResult({ run, nodeTypes, store, credentialsHelper, executionOrder, workflow }: RunResultParts): RunResult {
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
