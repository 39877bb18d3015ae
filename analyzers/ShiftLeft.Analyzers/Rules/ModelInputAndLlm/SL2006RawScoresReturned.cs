using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2006: an HTTP endpoint hands out a model's full score/probability/logit vector
    /// (returned, or passed to <c>Ok</c>/<c>Json</c>/<c>WriteAsJsonAsync</c>/a SignalR send).</summary>
    internal static class SL2006RawScoresReturned
    {
        private static bool IsScores(SinkCall call) => LlmTables.IsScoreVector(LlmTables.ValueType(call.Value));

        public static ImmutableArray<SinkDefinition> Sinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.ControllerBase, "Ok"), "Ok", parameterFilter: p => p.Name == "value", condition: IsScores),
            new SinkDefinition(new MemberRef("Microsoft.AspNetCore.Mvc.Controller", "Json"), "Json", parameterFilter: p => p.Name == "data", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.Results, "Ok"), "Results.Ok", parameterFilter: p => p.Name == "value", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.Results, "Json"), "Results.Json", parameterFilter: p => p.Name == "data", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.TypedResults, "Ok"), "TypedResults.Ok", parameterFilter: p => p.Name == "value", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.TypedResults, "Json"), "TypedResults.Json", parameterFilter: p => p.Name == "data", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.OkObjectResult, ".ctor"), "OkObjectResult", parameterOrdinal: 0, condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.JsonResult, ".ctor"), "JsonResult", parameterOrdinal: 0, condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.HttpResponseJsonExtensions, "WriteAsJsonAsync"), "HttpResponse.WriteAsJsonAsync", parameterFilter: p => p.Name == "value", condition: IsScores),
            new SinkDefinition(new MemberRef(TypeNames.SignalRClientProxyExtensions, "SendAsync"), "IClientProxy.SendAsync", parameterFilter: p => p.Name.StartsWith("arg", System.StringComparison.Ordinal), condition: IsScores));

        public static SinkDefinition ReturnSink { get; } =
            new SinkDefinition(new MemberRef(TypeNames.ControllerBase, "<return>"), "the HTTP response", condition: IsScores);

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL2006RawScoresReturned,
            TaintKind.ModelOutput,
            SanitizerGroups.None,
            Sinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.Validated,
            endpointReturnSink: ReturnSink,
            commonSinks: true);
    }
}
