/**
 * The few browser globals end-to-end tests use inside the page. The test program is compiled
 * without the DOM library (it is Node code), so code passed to `page.evaluate` reaches them
 * through `globalThis` with these shapes.
 */
export interface BrowserGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
  atob(data: string): string;
  navigator: { clipboard: { readText(): Promise<string> } };
  document: { body: unknown };
  location: { hash: string };
  getComputedStyle(element: unknown): { backgroundColor: string };
}
