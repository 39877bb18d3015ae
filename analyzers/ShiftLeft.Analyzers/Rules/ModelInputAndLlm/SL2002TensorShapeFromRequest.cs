using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2002: a tensor's dimensions come from request data, or a whole upload is copied into
    /// a tensor, without a size bound. Two tables, one descriptor.</summary>
    internal static class SL2002TensorShapeFromRequest
    {
        public static ImmutableArray<SinkDefinition> ShapeSinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.DenseTensor, ".ctor"), "DenseTensor", parameterFilter: p => p.Name is "dimensions" or "length"),
            new SinkDefinition(new MemberRef(TypeNames.OrtValue, "CreateTensorValueFromMemory"), "OrtValue.CreateTensorValueFromMemory", parameterFilter: p => p.Name == "shape"),
            new SinkDefinition(new MemberRef(TypeNames.OrtValue, "CreateAllocatedTensorValue"), "OrtValue.CreateAllocatedTensorValue", parameterFilter: p => p.Name == "shape"),
            new SinkDefinition(new MemberRef(TypeNames.OrtValue, "CreateTensorValueWithData"), "OrtValue.CreateTensorValueWithData", parameterFilter: p => p.Name is "shape" or "bufferLengthInBytes"),
            new SinkDefinition(new MemberRef(TypeNames.OrtValue, "CreateTensorWithEmptyStrings"), "OrtValue.CreateTensorWithEmptyStrings", parameterFilter: p => p.Name == "shape"),
            new SinkDefinition(new MemberRef(TypeNames.TorchStatic, "tensor"), "torch.tensor", parameterFilter: p => p.Name is "dimensions" or "rows" or "columns" or "dim0" or "dim1" or "dim2" or "dim3"));

        public static ImmutableArray<SinkDefinition> DataSinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.DenseTensor, ".ctor"), "DenseTensor", parameterFilter: p => p.Name == "memory"),
            new SinkDefinition(new MemberRef(TypeNames.OrtValue, "CreateTensorValueFromMemory"), "OrtValue.CreateTensorValueFromMemory", parameterFilter: p => p.Name is "data" or "memory"),
            new SinkDefinition(new MemberRef(TypeNames.TorchStatic, "tensor"), "torch.tensor", parameterFilter: p => p.Name == "rawArray"));

        public static FlowRule ShapeRule { get; } = new FlowRule(
            Descriptors.SL2002TensorShapeFromRequest,
            TaintKind.Request,
            SanitizerGroups.Validated | SanitizerGroups.AllowListed,
            ShapeSinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.Validated);

        public static FlowRule UploadRule { get; } = new FlowRule(
            Descriptors.SL2002TensorShapeFromRequest,
            TaintKind.Upload,
            SanitizerGroups.Validated | SanitizerGroups.AllowListed,
            DataSinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.Validated);
    }
}
