/** The `IWorkflowExecuteAdditionalData` every harness run hands to n8n-core, and execution ids. */

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
} from 'n8n-core';
import {
	UnexpectedError,
} from 'n8n-workflow';
import type {
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';

let executionCounter = 0;

/** `harness-<n>`, unique within the test process. */
export function nextExecutionId(): string {
	return `harness-${++executionCounter}`;
}

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
