/** The ONNX model layer: read, write (round-trip exact), inspect and edit ONNX models. */
export { onnx, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from './proto';
export { readModel } from './read-model';
export { readModelBytes, readModelFile } from './read-model-file';
export { writeModel } from './write-model';
export { defaultOpset, modelInfo, modelInfoOf, tensorInfo } from './model-info';
export { elemTypeName, elemTypeNumber, type ElemTypeName } from './elem-types';
export { float32ToTensor, tensorToFloat32 } from './tensor-data';
export { findNodes } from './find-nodes';
export { forEachGraph } from './graph-walk';
export { externalDataTensors, type ExternalTensor } from './external-data';
