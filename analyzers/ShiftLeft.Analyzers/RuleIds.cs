namespace ShiftLeft.Analyzers
{
    /// <summary>Every ShiftLeft diagnostic id. Ranges: SL1xxx deserialization and model loading,
    /// SL2xxx inference inputs and LLM I/O, SL3xxx hard-coded secrets (SL9xxx are build-task codes).</summary>
    public static class RuleIds
    {
        public const string InsecureFormatter = "SL1001";
        public const string JsonNetTypeNameHandling = "SL1002";
        public const string DataChosenDeserializerType = "SL1003";
        public const string UntrustedModelLoad = "SL1004";
        public const string NativeExtensionFromVariablePath = "SL1005";
        public const string ModelFetchedOverHttp = "SL1006";
        public const string UnvalidatedInferenceInput = "SL2001";
        public const string TensorShapeFromRequest = "SL2002";
        public const string UntrustedTextInSystemPrompt = "SL2003";
        public const string LlmOutputToDangerousSink = "SL2004";
        public const string UnboundedGeneration = "SL2005";
        public const string RawScoresReturned = "SL2006";
        public const string PromptOrOutputLogged = "SL2007";
        public const string KnownFormatCredential = "SL3001";
        public const string ConstantPassedAsCredential = "SL3002";
        public const string HighEntropySecretName = "SL3003";
        public const string SecretInConfigurationFile = "SL3004";
    }
}
