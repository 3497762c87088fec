import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { SERVICE_ACCOUNT_TEST_ROUTE } from '../nodes/shared/api/auth';
import { CUSTOM_URL_PROPERTY } from '../nodes/shared/credential-fields';
import { RATE_FIELD_PROPERTY } from '../nodes/shared/governor';
import { bearerRequest, fetchAccessToken } from '../nodes/shared/service-account';

/**
 * An OVHcloud service account: OAuth2 client credentials (grant `client_credentials`, scope `all`), access granted by
 * IAM policies. Not an extension of n8n's `oAuth2Api`: that path never calls a credential's `authenticate`, so the
 * API base of the chosen region (or the sandbox's custom URL) could not be applied here, and token failures reach
 * users as n8n's generic "Failed to acquire OAuth2 access token". Instead `preAuthentication` fetches the token into
 * the expirable `accessToken` field; n8n runs it when the field is empty, on the credential test, and after a GET's 401
 * (an expired token), then re-sends that GET once. OVH answers 401 before executing anything, so the transport sends
 * a write refused with 401 again as a new request after such a refresh; the credential itself never authenticates
 * the same write twice (n8n's HTTP Request node re-sends any failed request: the first may have taken effect).
 */
export class OvhOAuth2Api implements ICredentialType {
	name = 'ovhOAuth2Api';

	displayName = 'OVH Service Account (OAuth2) API';

	icon: Icon = { light: 'file:../icons/ovh.svg', dark: 'file:../icons/ovh.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-ovh-renewal/n8n-nodes-ovh-renewal/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'endpoint',
			type: 'options',
			default: 'ovh-eu',
			description:
				'The OVHcloud region where the service account was created. Kimsufi and So you Start have no service accounts: use application keys there.',
			options: [
				{ name: 'Custom URLs', value: 'custom', description: 'Any OVH-compatible API and token endpoint, e.g. the local sandbox' },
				{ name: 'OVHcloud Canada', value: 'ovh-ca', description: 'https://ca.api.ovh.com/1.0, tokens from https://ca.ovh.com/auth/oauth2/token' },
				{ name: 'OVHcloud Europe', value: 'ovh-eu', description: 'https://eu.api.ovh.com/1.0, tokens from https://www.ovh.com/auth/oauth2/token' },
				{ name: 'OVHcloud US', value: 'ovh-us', description: 'https://api.us.ovhcloud.com/1.0, tokens from https://us.ovhcloud.com/auth/oauth2/token' },
			],
		},
		CUSTOM_URL_PROPERTY,
		{
			displayName: 'Custom Token URL',
			name: 'customTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787/auth/oauth2/token',
			description: 'The OAuth2 token endpoint. Must be https:// unless the host is 127.0.0.1 or localhost.',
			displayOptions: { show: { endpoint: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID of the service account (POST /me/api/oauth2/client with flow CLIENT_CREDENTIALS)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret, shown once when the service account is created',
		},
		RATE_FIELD_PROPERTY,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Sends the request with `Authorization: Bearer`; see nodes/shared/service-account.ts. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return bearerRequest(credentials, requestOptions);
	}

	/** Fetches a token with the client credentials; the error says whether the ID/secret or the endpoint refused. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return { accessToken: await fetchAccessToken(this, credentials) };
	}

	test: ICredentialTestRequest = {
		request: {
			method: SERVICE_ACCOUNT_TEST_ROUTE.method,
			url: SERVICE_ACCOUNT_TEST_ROUTE.path,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'OVH issued a token but the API refused it: the Region (or Custom URL) is not the one of the token endpoint',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token is valid but the API refused the call: the service account is disabled or not allowed on this account',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No OVH API answers at this address: check Region, or that the Custom URL ends with the API version path such as /1.0',
				},
			},
		],
	};
}
