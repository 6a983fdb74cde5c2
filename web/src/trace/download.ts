/** Saves a blob under a file name through a temporary link (no library, no pop-up). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name part from an address: its first characters, nothing a file system minds. */
export const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'trace';
