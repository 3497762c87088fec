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

import { CREDENTIAL_TEST_ROUTE, authTimeUrl } from '../nodes/shared/api/auth';
import { CUSTOM_URL_PROPERTY } from '../nodes/shared/credential-fields';
import { RATE_FIELD_PROPERTY } from '../nodes/shared/governor';
import { checkResend, resolveBaseUrl, signRequest } from '../nodes/shared/signing';

export class OvhApi implements ICredentialType {
	name = 'ovhApi';

	displayName = 'OVH API';

	icon: Icon = { light: 'file:../icons/ovh.svg', dark: 'file:../icons/ovh.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-ovh-renewal/n8n-nodes-ovh-renewal/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'options',
			default: 'ovh-eu',
			description:
				'The OVH platform your keys were created on. Keys only work on their own platform: EU keys are refused by the Canadian API.',
			options: [
				{ name: 'Custom URL', value: 'custom', description: 'Any OVH-compatible API, e.g. the local sandbox' },
				{ name: 'Kimsufi Canada', value: 'kimsufi-ca', description: 'https://ca.api.kimsufi.com/1.0' },
				{ name: 'Kimsufi Europe', value: 'kimsufi-eu', description: 'https://eu.api.kimsufi.com/1.0' },
				{ name: 'OVHcloud Canada', value: 'ovh-ca', description: 'https://ca.api.ovh.com/1.0' },
				{ name: 'OVHcloud Europe', value: 'ovh-eu', description: 'https://eu.api.ovh.com/1.0' },
				{ name: 'OVHcloud US', value: 'ovh-us', description: 'https://api.us.ovhcloud.com/1.0' },
				{ name: 'So You Start Canada', value: 'soyoustart-ca', description: 'https://ca.api.soyoustart.com/1.0' },
				{ name: 'So You Start Europe', value: 'soyoustart-eu', description: 'https://eu.api.soyoustart.com/1.0' },
			],
		},
		CUSTOM_URL_PROPERTY,
		{
			displayName: 'Application Key',
			name: 'applicationKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The application key (AK) shown when you created the application on the createApp or createToken page',
		},
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The application secret (AS) shown once with the application key',
		},
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The consumer key (CK) that carries the access rules. Create one with only the rules your workflows need (see the package README for a ready-made link).',
		},
		RATE_FIELD_PROPERTY,
		{
			displayName: 'Time Delta',
			name: 'timeDelta',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * Signs every request; see nodes/shared/signing.ts. A write (POST, PUT, DELETE) is signed once: n8n's legacy
	 * request path (the HTTP Request node) re-sends any failed request after re-authenticating, and checkResend refuses
	 * that second signature unless OVH's clock proves the first attempt was refused for its time.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		checkResend(credentials, requestOptions);
		return signRequest(credentials, requestOptions, Date.now());
	}

	/**
	 * Reads OVH's clock once and stores the difference with ours. n8n runs this when `timeDelta` is empty, when the
	 * credential is tested, and when a request fails with one of the status codes the caller allows (400 for
	 * OVH's QUERY_TIME_OUT), before re-sending that request once.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const before = Date.now();
		const serverTime: unknown = await this.helpers.httpRequest({
			method: 'GET',
			url: authTimeUrl(resolveBaseUrl(credentials)),
			json: true,
		});
		const seconds = Number(serverTime);
		if (!Number.isFinite(seconds)) {
			throw new Error('OVH did not return its time from /auth/time: check the endpoint or custom URL of the credential');
		}
		const localMidpoint = Math.floor((before + Date.now()) / 2000);
		return { timeDelta: String(Math.round(seconds) - localMidpoint) };
	}

	test: ICredentialTestRequest = {
		request: {
			method: CREDENTIAL_TEST_ROUTE.method,
			url: CREDENTIAL_TEST_ROUTE.path,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'OVH rejected the signature: the Application Secret does not belong to this Application Key (check for a missing character or a pasted space), or the clock of this n8n host is far off',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'OVH received no valid credential: fill in the Application Key and the Consumer Key',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'OVH refused the keys. Either the Application Key is unknown on this endpoint (keys only work on the platform where they were created: check Endpoint), or the Consumer Key is invalid, expired, still pending validation or belongs to another application (create a new one with the createToken link from the package README). A consumer key without the rule GET /auth/currentCredential also lands here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No OVH API answers at this address: check Endpoint, or that the Custom URL ends with the API version path such as /1.0',
				},
			},
		],
	};
}
