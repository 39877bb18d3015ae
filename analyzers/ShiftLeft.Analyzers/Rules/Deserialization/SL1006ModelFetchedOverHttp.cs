using ShiftLeft.Analyzers.Flow;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1006: a model is downloaded from an http:// URL. Reported at the URL, whether or
    /// not the model is verified afterwards (verification does not stop the cleartext download).</summary>
    internal static class SL1006ModelFetchedOverHttp
    {
        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL1006ModelFetchedOverHttp,
            TaintKind.PlainHttp,
            SanitizerGroups.None,
            SL1004UntrustedModelLoad.ModelLoadSinks,
            hit => new object[] { hit.SinkDisplay, hit.Taint.Origin?.PlainHttpUrl ?? "http://" },
            reportAtOrigin: true);
    }
}
