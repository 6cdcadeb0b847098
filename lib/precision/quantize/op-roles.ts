/**
 * What each input of a quantizable op is: an activation to wrap in Q/DQ, the weight (int8,
 * per-channel capable), the bias (int32), or ignored (shapes, scales, axes). Mirrors the roles
 * ONNX Runtime's QDQ fusions look for.
 */
import { intAttr, type NodeProto } from './proto';

export type Role = 'activation' | 'weight' | 'bias' | 'ignore';

/** Roles of a node's inputs; `isConst` tells initializers from computed tensors. */
export function inputRoles(node: NodeProto, isConst: (name: string) => boolean): Role[] {
  const n = node.input.length;
  const roles: Role[] = new Array(n).fill('ignore');
  switch (node.opType) {
    case 'Conv':
      roles[0] = 'activation';
      if (n > 1) roles[1] = isConst(node.input[1]) ? 'weight' : 'activation';
      if (n > 2 && node.input[2]) roles[2] = roles[1] === 'weight' && isConst(node.input[2]) ? 'bias' : 'ignore';
      return roles;
    case 'Gemm':
      roles[0] = 'activation';
      roles[1] = isConst(node.input[1]) ? 'weight' : 'activation';
      if (n > 2 && node.input[2]) roles[2] = roles[1] === 'weight' && isConst(node.input[2]) ? 'bias' : 'ignore';
      return roles;
    case 'MatMul':
      roles[0] = isConst(node.input[0]) ? 'ignore' : 'activation';
      roles[1] = isConst(node.input[1]) ? 'weight' : 'activation';
      return roles;
    case 'Add':
    case 'Mul':
    case 'Concat':
      // Constant operands become quantized constants: still 'activation' here, the rewrite
      // quantizes initializers in place instead of inserting a Q node.
      return roles.map((_, i) => (node.input[i] ? 'activation' : 'ignore'));
    default:
      roles[0] = 'activation';
      return roles;
  }
}

/** Axis of a weight's output channels, for per-channel scales (undefined = per tensor only). */
export function weightAxis(node: NodeProto): number | undefined {
  if (node.opType === 'Conv') return 0;
  if (node.opType === 'Gemm') return intAttr(node, 'transB', 0) ? 0 : 1;
  // QLinearMatMul's per-column b is not fused on every ORT build; keep MatMul per tensor.
  return undefined;
}
