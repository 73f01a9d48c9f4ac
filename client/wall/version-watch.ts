/**
 * A wall runs for months: when the server it talks to is upgraded, the page must become the new
 * client too. The first welcome sets the version this page was served with; a later welcome (after a
 * reconnect) with another version reloads the page, once, so it fetches the new build. Comparing with
 * the first welcome rather than a version baked into the bundle means a page never reloads in a loop
 * when the two disagree (a development build, a server started before its client was rebuilt).
 */
export function versionWatch(reload: () => void): (version: string) => void {
  let first: string | null = null;
  let reloading = false;
  return (version) => {
    first ??= version;
    if (version === first || reloading) return;
    reloading = true;
    reload();
  };
}
