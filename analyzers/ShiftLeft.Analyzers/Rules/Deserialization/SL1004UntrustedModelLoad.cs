using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1004: a model whose path, bytes or stream come from the network or a request is
    /// loaded without a signature or digest check first.</summary>
    internal static class SL1004UntrustedModelLoad
    {
        /// <summary>The model-loading APIs of ML.NET, ONNX Runtime and TorchSharp (first parameter: path, bytes or stream).</summary>
        public static ImmutableArray<SinkDefinition> ModelLoadSinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.ModelOperationsCatalog, "Load"), "MLContext.Model.Load", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.ModelOperationsCatalog, "LoadWithDataLoader"), "MLContext.Model.LoadWithDataLoader", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.InferenceSession, ".ctor"), "InferenceSession", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.TorchJit, "load"), "torch.jit.load", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.TorchStatic, "load"), "torch.load", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef("TorchSharp.torch+export", "load"), "torch.export.load", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.TorchModule, "load"), "Module.load", parameterOrdinal: 0));

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL1004UntrustedModelLoad,
            TaintKind.Network | TaintKind.Request,
            SanitizerGroups.ModelVerified | SanitizerGroups.AllowListed,
            ModelLoadSinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "verifier_methods",
            configuredSanitizerGroups: SanitizerGroups.ModelVerified);
    }
}
