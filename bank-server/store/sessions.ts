// Sessions: a random id maps to a user name. The id, never the name, goes in the cookie.
import { randomBytes } from 'node:crypto';

export class Sessions {
  private users = new Map<string, string>();

  create(username: string): string {
    const id = randomBytes(24).toString('base64url');
    this.users.set(id, username);
    return id;
  }

  userOf(id: string): string | undefined {
    return this.users.get(id);
  }

  destroy(id: string): void {
    this.users.delete(id);
  }

  clear(): void {
    this.users.clear();
  }
}
