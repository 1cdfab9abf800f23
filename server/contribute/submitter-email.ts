/**
 * True for something that can be an e-mail address: a name, one @, a host with a dot. A contributor's
 * address is optional and only ever shown to editors (to write back); what it may not be is a typo
 * that leaves them no way to answer. Bounded pattern: the text is the contributor's.
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= 200 && /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@.]{2,24}$/.test(value);
}
