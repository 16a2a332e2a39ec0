/** The CHANGELOG.md section of `version` (`1.2.3` or `v1.2.3`), without its heading; throws when missing or empty. */
export function notesFor(changelog: string, version: string): string
