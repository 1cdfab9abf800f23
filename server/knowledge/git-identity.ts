/** Someone a commit names: as credited (a name or initials), never an e-mail address or other contact detail. */
export interface Person {
  name: string;
  /** A stable handle (an editor's user name); else one is made from the name. */
  id?: string | undefined;
}

/** The name and address git records for a person: the address is on the reserved `.invalid` domain, so it can never reach anyone. */
export function gitIdentity(person: Person, role: 'contributors' | 'editors'): { name: string; email: string } {
  // git refuses names with angle brackets or line breaks; a contact detail pasted into the name field
  // (someone@example.org) would be published: the part after an @ is dropped.
  const name =
    person.name
      .replace(/[\p{Cc}<>]/gu, ' ')
      .replace(/\s+/g, ' ')
      .split(' ')
      .map((word) => (word.includes('@') ? word.slice(0, word.indexOf('@')) : word))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'anonymous';
  const fromId = person.id && /^[A-Za-z0-9._-]{1,64}$/.test(person.id) ? person.id : undefined;
  const id =
    (fromId ??
      name
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|(?<!-)-+$/g, '')
        .slice(0, 64)) ||
    'anonymous';
  return { name, email: `${id}@${role}.invalid` };
}

/** The environment that makes git record `author` as author and `editor` as committer, both at `date`. */
export function commitEnvironment(author: Person, editor: Person, date: Date): Record<string, string> {
  const a = gitIdentity(author, 'contributors');
  const c = gitIdentity(editor, 'editors');
  const when = `${Math.floor(date.getTime() / 1000)} +0000`;
  return {
    GIT_AUTHOR_NAME: a.name,
    GIT_AUTHOR_EMAIL: a.email,
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_NAME: c.name,
    GIT_COMMITTER_EMAIL: c.email,
    GIT_COMMITTER_DATE: when,
  };
}

/** Casebook itself, for the first commit of a knowledge directory that was not in git yet. */
export const CASEBOOK: Person = { name: 'Casebook', id: 'casebook' };
