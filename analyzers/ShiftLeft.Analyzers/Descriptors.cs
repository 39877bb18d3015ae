using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers
{
    /// <summary>The diagnostic categories; each owns one id range (DiagnosticCategoryAndIdRanges.txt)
    /// and one configuration prefix (<c>shiftleft.&lt;config&gt;.*</c>).</summary>
    public static class RuleCategories
    {
        public const string Deserialization = "Deserialization";
        public const string ModelInputAndLlm = "ModelInputAndLLM";
        public const string Secrets = "Secrets";

        /// <summary>The short name used in <c>shiftleft.&lt;category&gt;.&lt;key&gt;</c> configuration keys.</summary>
        public static string ConfigName(string category) => category switch
        {
            Deserialization => "deserialization",
            ModelInputAndLlm => "llm",
            Secrets => "secrets",
            _ => category.ToLowerInvariant(),
        };
    }

    /// <summary>All descriptors, created through one factory so that every rule has a help link,
    /// a category, and its CWE / OWASP LLM / MITRE ATLAS tags.</summary>
    public static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/shiftleft-dotnet/ShiftLeft/blob/main/analyzers/docs/rules/";

        public static readonly DiagnosticDescriptor SL1001InsecureFormatter = Create(
            RuleIds.InsecureFormatter,
            "Insecure formatter used",
            "'{0}' can run arbitrary code while deserializing untrusted data; use System.Text.Json with explicit types instead",
            RuleCategories.Deserialization, DiagnosticSeverity.Error,
            "BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter and ObjectStateFormatter instantiate whatever types the payload names. A model file, cache entry or message that reaches them is remote code execution. There is no safe configuration: replace them.",
            "CWE-502", "OWASP-LLM03", "ATLAS-AML.T0010");

        public static readonly DiagnosticDescriptor SL1002JsonNetTypeNameHandling = Create(
            RuleIds.JsonNetTypeNameHandling,
            "Json.NET type-name handling enabled",
            "{0} is set to '{1}' without a restricting SerializationBinder; set TypeNameHandling.None or add an ISerializationBinder that allows only known types",
            RuleCategories.Deserialization, DiagnosticSeverity.Error,
            "With TypeNameHandling other than None, Json.NET creates the type named in the payload's $type property. Without a binder that allow-lists types, attacker JSON can instantiate gadget types and run code.",
            "CWE-502", "OWASP-LLM03", "ATLAS-AML.T0010");

        public static readonly DiagnosticDescriptor SL1003DataChosenDeserializerType = Create(
            RuleIds.DataChosenDeserializerType,
            "Deserializer type chosen by data",
            "The type given to '{0}' comes from {1}; deserialize into a fixed type or map the name through an allow-list",
            RuleCategories.Deserialization, DiagnosticSeverity.Warning,
            "A serializer whose target type is resolved from text (Type.GetType, Assembly.GetType) lets whoever controls the text choose which type is constructed, including dangerous ones.",
            "CWE-502", "CWE-470", "OWASP-LLM03");

        public static readonly DiagnosticDescriptor SL1004UntrustedModelLoad = Create(
            RuleIds.UntrustedModelLoad,
            "Model loaded from an untrusted source without verification",
            "The model loaded by '{0}' comes from {1} and is not verified first; verify its signature or a pinned digest before loading it",
            RuleCategories.Deserialization, DiagnosticSeverity.Error,
            "Model files are code-like: ONNX graphs load native operators, ML.NET zips and TorchScript archives deserialize object graphs. A model downloaded at run time or chosen by a request can be swapped for a backdoored one. Verify a signature (ShiftLeft.Signing, OpenSSF Model Signing) or a pinned digest first, or load only models shipped with the application.",
            "CWE-494", "OWASP-LLM03", "OWASP-LLM04", "ATLAS-AML.T0010.003", "ATLAS-AML.T0018");

        public static readonly DiagnosticDescriptor SL1005NativeExtensionFromVariablePath = Create(
            RuleIds.NativeExtensionFromVariablePath,
            "Native ONNX extension loaded from a variable path",
            "'{0}' loads native code from a path that is not a constant or application-relative; load custom-op libraries only from a fixed path shipped with the application",
            RuleCategories.Deserialization, DiagnosticSeverity.Warning,
            "Custom-operator libraries and NativeLibrary.Load run native code in-process. A path taken from a model, a request or configuration lets whoever controls it run arbitrary code.",
            "CWE-114", "OWASP-LLM03", "ATLAS-AML.T0010");

        public static readonly DiagnosticDescriptor SL1006ModelFetchedOverHttp = Create(
            RuleIds.ModelFetchedOverHttp,
            "Model fetched over plain HTTP",
            "The model loaded by '{0}' is downloaded over plain HTTP from '{1}'; use https:// so the model cannot be replaced in transit",
            RuleCategories.Deserialization, DiagnosticSeverity.Warning,
            "A model downloaded over http:// can be replaced by anyone on the network path. Use HTTPS, and verify the model's signature before loading it.",
            "CWE-319", "OWASP-LLM03");

        public static readonly DiagnosticDescriptor SL2001UnvalidatedInferenceInput = Create(
            RuleIds.UnvalidatedInferenceInput,
            "Unvalidated request data reaches model inference",
            "{0} reaches '{1}' without validation; bound its length, range or values before inference",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Warning,
            "Request data passed straight to a model lets callers send oversized, non-finite or out-of-distribution inputs: denial of service, crafted adversarial examples, and model probing. Check lengths, ranges and allowed values first (a guard that returns or throws, DataAnnotations on an [ApiController] model, Validator.TryValidateObject, FluentValidation).",
            "CWE-20", "OWASP-LLM10", "ATLAS-AML.T0043");

        public static readonly DiagnosticDescriptor SL2002TensorShapeFromRequest = Create(
            RuleIds.TensorShapeFromRequest,
            "Tensor shape or size taken from request data",
            "The tensor created by '{0}' is sized by {1} without a bound; check the size against a fixed maximum or use the model's fixed input shape",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Warning,
            "Tensor dimensions taken from a request, or whole uploads copied into tensors, let one call allocate arbitrary native memory and compute. Use the model's fixed input shape, or bound the size first.",
            "CWE-770", "OWASP-LLM10", "ATLAS-AML.T0029");

        public static readonly DiagnosticDescriptor SL2003UntrustedTextInSystemPrompt = Create(
            RuleIds.UntrustedTextInSystemPrompt,
            "Untrusted text in a system prompt or prompt template",
            "{0} reaches '{1}', which the model reads as instructions; pass user text in a user message or as a KernelArguments template variable",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Warning,
            "System and developer messages, chat instructions, tool descriptions and prompt-template text carry the application's authority. Request text placed there is direct prompt injection, and in a Semantic Kernel template it can also call template functions. Keep user text in user messages or template variables.",
            "CWE-1427", "OWASP-LLM01", "ATLAS-AML.T0051");

        public static readonly DiagnosticDescriptor SL2004LlmOutputToDangerousSink = Create(
            RuleIds.LlmOutputToDangerousSink,
            "LLM output reaches a dangerous sink",
            "{0} reaches '{1}' without an allow-list check; map the model's answer to a fixed set of values (dictionary lookup, enum parse, full-match regex) first",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Error,
            "A language model's answer is controlled by whoever controls its input, including indirect prompt injection through documents and tool results. Used as a command, SQL, a path, a type or assembly name, raw HTML, a redirect target or polymorphic JSON it becomes command injection, SQL injection, path traversal, code loading, XSS or an open redirect.",
            "CWE-1426", "CWE-78", "CWE-89", "CWE-22", "CWE-79", "OWASP-LLM05", "ATLAS-AML.T0053");

        public static readonly DiagnosticDescriptor SL2005UnboundedGeneration = Create(
            RuleIds.UnboundedGeneration,
            "Unbounded generation requested by the caller",
            "'{0}' is set from {1} without a bound; clamp it to a server-side maximum",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Warning,
            "Letting the caller choose the output-token limit lets one request run the most expensive generation the model allows: cost and capacity exhaustion (denial of wallet). Clamp the value to a server-side maximum.",
            "CWE-770", "OWASP-LLM10", "ATLAS-AML.T0034");

        public static readonly DiagnosticDescriptor SL2006RawScoresReturned = Create(
            RuleIds.RawScoresReturned,
            "Endpoint returns raw model scores",
            "'{0}' hands out the full score vector of {1}; return the label or a rounded top-1 score instead",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Warning,
            "Full probability, score or logit vectors make model extraction and membership inference far cheaper than labels do. Return the predicted label, or the top score rounded.",
            "CWE-200", "OWASP-LLM02", "ATLAS-AML.T0024", "ATLAS-AML.T0005");

        public static readonly DiagnosticDescriptor SL2007PromptOrOutputLogged = Create(
            RuleIds.PromptOrOutputLogged,
            "Prompt or model output logged verbatim",
            "{0} is written to '{1}' verbatim; log its length, a hash or a redacted form instead",
            RuleCategories.ModelInputAndLlm, DiagnosticSeverity.Info,
            "Prompts and model answers carry whatever users and documents put into them: personal data, secrets, other users' content. Logging them verbatim copies that into log stores with wider access and longer retention.",
            "CWE-532", "OWASP-LLM02");

        public static readonly DiagnosticDescriptor SL3001KnownFormatCredential = Create(
            RuleIds.KnownFormatCredential,
            "Known-format credential in source",
            "{0} '{1}' is hard-coded in source; remove it, rotate it, and read it from configuration or a secret store",
            RuleCategories.Secrets, DiagnosticSeverity.Error,
            "A literal or comment matches the structure of a real provider credential (prefix, alphabet, length and, where the format has one, its checksum or decoded header). Anything committed to source is readable by everyone with repository, package or binary access, and stays in history after deletion: treat the credential as leaked, rotate it, and load it at run time from the environment, user-secrets or a vault.",
            "CWE-798", "CWE-321", "OWASP-LLM02", "OWASP-LLM03", "ATLAS-AML.T0055");

        public static readonly DiagnosticDescriptor SL3002ConstantPassedAsCredential = Create(
            RuleIds.ConstantPassedAsCredential,
            "Constant passed where a credential is expected",
            "The constant '{0}' is passed as a credential to {1}; read it from configuration or a secret store instead",
            RuleCategories.Secrets, DiagnosticSeverity.Error,
            "A compile-time constant (a literal, a concatenation of literals, a const or static readonly field, a local written only with constants) reaches an API parameter or property that takes a credential: an API key credential, a key/secret/password/token parameter, an authorization header, a secret environment variable, or a connection string password. Whatever its format, a hard-coded credential ships with the code.",
            "CWE-798", "CWE-259", "OWASP-LLM02", "OWASP-LLM03", "ATLAS-AML.T0055");

        public static readonly DiagnosticDescriptor SL3003HighEntropySecretName = Create(
            RuleIds.HighEntropySecretName,
            "High-entropy literal in a secret-named symbol",
            "'{0}' is set to a high-entropy literal '{1}' that looks like a secret; read it from configuration or a secret store instead",
            RuleCategories.Secrets, DiagnosticSeverity.Warning,
            "A field, property, local, parameter or dictionary entry named like a key, token, secret or password is set to a literal whose length, character mix and Shannon entropy match a machine-generated secret. GUIDs, digests, data blobs, URLs, model names and placeholders are not reported.",
            "CWE-798", "CWE-259", "OWASP-LLM02", "ATLAS-AML.T0055");

        public static readonly DiagnosticDescriptor SL3004SecretInConfigurationFile = Create(
            RuleIds.SecretInConfigurationFile,
            "Secret in a configuration file",
            "{0} '{1}' is stored in '{2}' at '{3}'; keep secrets out of committed configuration (user-secrets, environment, Key Vault)",
            RuleCategories.Secrets, DiagnosticSeverity.Error,
            "appsettings*.json, launchSettings.json, secrets*.json, .env and *.config files are committed and published with the application. A provider credential or a high-entropy value under a secret-like key in them is exposed to everyone who can read the repository or the deployment.",
            "CWE-798", "CWE-260", "OWASP-LLM02", "ATLAS-AML.T0055");

        /// <summary>Every descriptor ShiftLeft ships, in id order.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            SL1001InsecureFormatter,
            SL1002JsonNetTypeNameHandling,
            SL1003DataChosenDeserializerType,
            SL1004UntrustedModelLoad,
            SL1005NativeExtensionFromVariablePath,
            SL1006ModelFetchedOverHttp,
            SL2001UnvalidatedInferenceInput,
            SL2002TensorShapeFromRequest,
            SL2003UntrustedTextInSystemPrompt,
            SL2004LlmOutputToDangerousSink,
            SL2005UnboundedGeneration,
            SL2006RawScoresReturned,
            SL2007PromptOrOutputLogged,
            SL3001KnownFormatCredential,
            SL3002ConstantPassedAsCredential,
            SL3003HighEntropySecretName,
            SL3004SecretInConfigurationFile);

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(
            string id, string title, string messageFormat, string category, DiagnosticSeverity severity,
            string description, params string[] tags)
        {
            var customTags = ImmutableArray.CreateBuilder<string>(tags.Length + 1);
            customTags.AddRange(tags);
            customTags.Add("ShiftLeft");
            return new DiagnosticDescriptor(
                id, title, messageFormat, category, severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id),
                customTags: customTags.ToArray());
        }
    }
}
