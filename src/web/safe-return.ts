/** Where to go after signing in: a path of this site only, never another host. */
export function safeReturn(target: unknown): string {
  // Printable ASCII only: a page address as the browser sends it (a Location header can hold
  // nothing else), never "//host" or "/\\host".
  return typeof target === 'string' &&
    /^\/(?![/\\])[\x21-\x7e]*$/.test(target) &&
    target.length < 500
    ? target
    : '/';
}
