/**
 * The ONNX wire schema (onnx.proto of onnx-proto's ONNX 1.10), as our own encoder needs it.
 * onnx-proto's generated encoder was built from onnx.proto3 and packs every repeated scalar,
 * while onnx.proto (proto2, what PyTorch and the onnx package write) leaves `dims`, `ints` and
 * `floats` unpacked; encoding from this table reproduces the files users bring byte for byte.
 *
 * Spec format: 'number name type[mark]'. Mark `*` = repeated, `+` = repeated and packed in
 * onnx.proto. A capitalised type names a message in this table.
 */
export type ScalarType = 'string' | 'bytes' | 'float' | 'double' | 'int32' | 'int64' | 'uint64';

export interface FieldSpec {
  no: number;
  name: string;
  type: ScalarType | string;
  repeated: boolean;
  packed: boolean;
  message: boolean;
}

const SPECS: Record<string, string[]> = {
  ModelProto: ['1 irVersion int64', '2 producerName string', '3 producerVersion string', '4 domain string', '5 modelVersion int64', '6 docString string', '7 graph GraphProto', '8 opsetImport OperatorSetIdProto*', '14 metadataProps StringStringEntryProto*', '20 trainingInfo TrainingInfoProto*', '25 functions FunctionProto*'],
  OperatorSetIdProto: ['1 domain string', '2 version int64'],
  StringStringEntryProto: ['1 key string', '2 value string'],
  TrainingInfoProto: ['1 initialization GraphProto', '2 algorithm GraphProto', '3 initializationBinding StringStringEntryProto*', '4 updateBinding StringStringEntryProto*'],
  GraphProto: ['1 node NodeProto*', '2 name string', '5 initializer TensorProto*', '10 docString string', '11 input ValueInfoProto*', '12 output ValueInfoProto*', '13 valueInfo ValueInfoProto*', '14 quantizationAnnotation TensorAnnotation*', '15 sparseInitializer SparseTensorProto*'],
  NodeProto: ['1 input string*', '2 output string*', '3 name string', '4 opType string', '5 attribute AttributeProto*', '6 docString string', '7 domain string'],
  AttributeProto: ['1 name string', '2 f float', '3 i int64', '4 s bytes', '5 t TensorProto', '6 g GraphProto', '7 floats float*', '8 ints int64*', '9 strings bytes*', '10 tensors TensorProto*', '11 graphs GraphProto*', '13 docString string', '14 tp TypeProto', '15 typeProtos TypeProto*', '20 type int32', '21 refAttrName string', '22 sparseTensor SparseTensorProto', '23 sparseTensors SparseTensorProto*'],
  ValueInfoProto: ['1 name string', '2 type TypeProto', '3 docString string'],
  TensorAnnotation: ['1 tensorName string', '2 quantParameterTensorNames StringStringEntryProto*'],
  TensorProto: ['1 dims int64*', '2 dataType int32', '3 segment Segment', '4 floatData float+', '5 int32Data int32+', '6 stringData bytes*', '7 int64Data int64+', '8 name string', '9 rawData bytes', '10 doubleData double+', '11 uint64Data uint64+', '12 docString string', '13 externalData StringStringEntryProto*', '14 dataLocation int32'],
  Segment: ['1 begin int64', '2 end int64'],
  SparseTensorProto: ['1 values TensorProto', '2 indices TensorProto', '3 dims int64*'],
  TensorShapeProto: ['1 dim Dimension*'],
  Dimension: ['1 dimValue int64', '2 dimParam string', '3 denotation string'],
  TypeProto: ['1 tensorType TypeTensor', '4 sequenceType TypeSequence', '5 mapType TypeMap', '6 denotation string', '8 sparseTensorType TypeSparseTensor', '9 optionalType TypeOptional'],
  TypeTensor: ['1 elemType int32', '2 shape TensorShapeProto'],
  TypeSequence: ['1 elemType TypeProto'],
  TypeMap: ['1 keyType int32', '2 valueType TypeProto'],
  TypeOptional: ['1 elemType TypeProto'],
  TypeSparseTensor: ['1 elemType int32', '2 shape TensorShapeProto'],
  FunctionProto: ['1 name string', '4 input string*', '5 output string*', '6 attribute string*', '7 node NodeProto*', '8 docString string', '9 opsetImport OperatorSetIdProto*', '10 domain string'],
};

function parse(spec: string): FieldSpec {
  const [no, name, typeMark] = spec.split(' ');
  const mark = typeMark.at(-1);
  const type = mark === '*' || mark === '+' ? typeMark.slice(0, -1) : typeMark;
  return { no: Number(no), name, type, repeated: mark === '*' || mark === '+', packed: mark === '+', message: /^[A-Z]/.test(type) };
}

/** Fields of each message, in field-number order (the order protobuf's C++ writer uses). */
export const SCHEMA: Record<string, FieldSpec[]> = Object.fromEntries(
  Object.entries(SPECS).map(([msg, specs]) => [msg, specs.map(parse).sort((a, b) => a.no - b.no)]),
);

/** Scalars that protobuf may write packed or not; decoders accept both. */
export function isPackable(type: string): boolean {
  return type !== 'string' && type !== 'bytes' && !/^[A-Z]/.test(type);
}
