// Framework ships no types for its standard library; the parts used here.
declare module "observablehq:stdlib" {
  export interface FileAttachmentHandle {
    name: string;
    href: string;
    url(): Promise<string>;
    text(): Promise<string>;
    json(): Promise<unknown>;
    arrayBuffer(): Promise<ArrayBuffer>;
    csv(options?: { typed?: boolean }): Promise<Record<string, unknown>[]>;
  }
  export function FileAttachment(path: string): FileAttachmentHandle;
}
