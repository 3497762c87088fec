/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, never shipped (mirrors the CLI helper, which rethrows) */
/**
 * What the CLI's CredentialsHelper does to credential data: defaults and expressions (`getDecrypted`), expression
 * values in `authenticate` templates, and the domain allowlist around `preAuthentication` requests.
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	getCredentialOwnRequestAllowedDomains,
	isExpression,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Mock' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/** CLI: restricts the requests a `preAuthentication` hook issues to the credential's allowlist. */
export function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/** CLI: a credential field that is an expression, resolved for `authenticate`'s generic templates. */
export function resolveCredentialValue(
	parameterValue: string,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	if (!returnValue) return '';
	return returnValue.toString();
}

/**
 * CLI `applyDefaultsAndOverwrites` without overwrites: the type's defaults filled in, then expressions in the data
 * resolved (against the running node when `expressionResolveValues` is given, else against a mock workflow).
 */
export async function applyCredentialDefaults(
	credentialsProperties: INodeProperties[],
	additionalData: IWorkflowExecuteAdditionalData,
	decryptedDataOriginal: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	executeData?: IExecuteData,
	expressionResolveValues?: ICredentialsExpressionResolveValues,
): Promise<ICredentialDataDecryptedObject> {
	let decryptedData = NodeHelpers.getNodeParameters(
		credentialsProperties,
		{ ...decryptedDataOriginal } as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;

	if (decryptedDataOriginal.oauthTokenData !== undefined) {
		decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
	}
	if (
		decryptedData.allowedHttpRequestDomains === undefined &&
		decryptedDataOriginal.allowedHttpRequestDomains !== undefined
	) {
		decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
	}
	if (decryptedData.allowedDomains === undefined && decryptedDataOriginal.allowedDomains !== undefined) {
		decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
	}

	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

	if (expressionResolveValues) {
		try {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (e) {
			(e as Error).message += ' [Error resolving credentials]';
			throw e;
		}
	} else if (Object.values(decryptedData).some((value) => isExpression(value))) {
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		await workflow.expression.acquireIsolate();
		try {
			decryptedData = workflow.expression.getComplexParameterValue(
				mockNode,
				decryptedData as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	return decryptedData;
}
