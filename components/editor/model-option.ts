/** A model file the inspector offers for a model node, with its input/output shapes in words. */
export interface ModelOption {
  path: string;
  shapes?: string;
}
