using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2001: request data reaches model inference without a dominating validation.</summary>
    internal static class SL2001UnvalidatedInferenceInput
    {
        public static ImmutableArray<SinkDefinition> Sinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.PredictionEngineBase, "Predict"), "PredictionEngine.Predict", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.PredictionEngine, "Predict"), "PredictionEngine.Predict", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.TransformerInterface, "Transform"), "ITransformer.Transform", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.InferenceSession, "Run"), "InferenceSession.Run", parameterFilter: p => p.Name is "inputs" or "inputValues"),
            new SinkDefinition(new MemberRef(TypeNames.InferenceSession, "RunAsync"), "InferenceSession.RunAsync", parameterFilter: p => p.Name is "inputs" or "inputValues"),
            new SinkDefinition(new MemberRef(TypeNames.TorchModuleOfT, "forward"), "Module.forward", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.TorchModuleOfT, "call"), "Module.call", parameterOrdinal: 0));

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL2001UnvalidatedInferenceInput,
            TaintKind.Request,
            SanitizerGroups.Validated | SanitizerGroups.AllowListed,
            Sinks,
            hit => new object[] { hit.SourceDescription, hit.SinkDisplay },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.Validated);
    }
}
