import type { INodeProperties } from 'n8n-workflow';

/** The API base for the `custom` endpoint (the sandbox, a proxy): the same field in both OVH credentials. */
export const CUSTOM_URL_PROPERTY: INodeProperties = {
	displayName: 'Custom URL',
	name: 'customUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. http://127.0.0.1:8787/1.0',
	description: 'Base URL of the API including its version path. Must be https:// unless the host is 127.0.0.1 or localhost.',
	displayOptions: { show: { endpoint: ['custom'] } },
};
