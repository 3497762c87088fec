/**
 * The harness's credentials table (n8n's, decrypted): what tests store, what n8n reads and writes back
 * (`updateCredentials`), and the `ICredentials` instance the CLI's `getCredentials` returns, minus encryption.
 */
import {
	deepCopy,
	ICredentials,
	UserError,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
} from 'n8n-workflow';

export interface HarnessCredential {
	/** Defaults to the key it is registered under. */
	id?: string;
	/** Defaults to the id. */
	name?: string;
	/** Credential type name, e.g. `ovhApi`. */
	type: string;
	data: ICredentialDataDecryptedObject;
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Plays the role of n8n's credentials table: holds the (decrypted) stored data, hands out
 * copies (like a fresh DB read + decrypt each time) and records every write.
 * Share one store between several runs to see preAuthentication results persist.
 */
export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** Every `updateCredentials` write, oldest first (copies). */
	readonly updates: CredentialUpdate[] = [];

	constructor(credentials: Record<string, HarnessCredential> = {}) {
		for (const [key, credential] of Object.entries(credentials)) this.set(key, credential);
	}

	set(key: string, credential: HarnessCredential): this {
		const id = credential.id ?? key;
		this.entries.set(id, {
			id,
			name: credential.name ?? id,
			type: credential.type,
			data: deepCopy(credential.data),
		});
		return this;
	}

	has(id: string): boolean {
		return this.entries.has(id);
	}

	/** A copy of the stored entry (or undefined). */
	get(id: string): StoredCredential | undefined {
		const entry = this.entries.get(id);
		return entry ? { ...entry, data: deepCopy(entry.data) } : undefined;
	}

	/** A copy of the stored data; throws if unknown. */
	data(id: string): ICredentialDataDecryptedObject {
		const entry = this.entries.get(id);
		if (!entry) throw new UserError(`Harness: no credential with id "${id}"`);
		return deepCopy(entry.data);
	}

	/** Replaces the stored data (what n8n's `credentialsRepository.update` does). */
	write(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.entries.get(id);
		if (!entry || entry.type !== type) {
			throw new UserError(`Harness: cannot update credential "${id}" of type "${type}"`);
		}
		entry.data = deepCopy(data);
		this.updates.push({ id, type, data: deepCopy(data) });
	}

	/** First credential of the given type, if any. */
	findByType(type: string): StoredCredential | undefined {
		for (const entry of this.entries.values()) {
			if (entry.type === type) return this.get(entry.id);
		}
		return undefined;
	}

	/** Credentials of the given type (copies). */
	listByType(type: string): StoredCredential[] {
		return [...this.entries.values()]
			.filter((entry) => entry.type === type)
			.map((entry) => ({ ...entry, data: deepCopy(entry.data) }));
	}

	/** id → data, as persisted right now (copies). */
	snapshot(): Map<string, ICredentialDataDecryptedObject> {
		const result = new Map<string, ICredentialDataDecryptedObject>();
		for (const [id, entry] of this.entries) result.set(id, deepCopy(entry.data));
		return result;
	}
}

export function createCredentialStore(
	credentials: Record<string, HarnessCredential> = {},
): CredentialStore {
	return new CredentialStore(credentials);
}

export function toCredentialStore(
	credentials: Record<string, HarnessCredential> | CredentialStore | undefined,
): CredentialStore {
	return credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials);
}

/**
 * What the CLI's `getCredentials` returns, minus the encryption: n8n-core's `Credentials`
 * needs an encryption-key provider the CLI wires at start-up, and nothing in an execution
 * reads the ciphertext.
 */
export class PlainCredentials extends ICredentials {
	private plain: ICredentialDataDecryptedObject = {};

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.plain);
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = deepCopy(data);
		this.data = JSON.stringify(this.plain);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.plain, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		await this.setData(next);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}
}
