/** The page's address for a person: a wildcard listen address is opened as localhost. */
export function pageAddress(root: string): string {
  const url = new URL(root);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
  return `${url.origin}/`;
}
