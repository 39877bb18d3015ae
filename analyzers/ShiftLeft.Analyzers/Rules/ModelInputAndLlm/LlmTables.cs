using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>The sources the SL2xxx rules add to the common ones (request data, network): what a
    /// large language model returns, and what a model prediction returns.</summary>
    internal static class LlmTables
    {
        public static ImmutableArray<SourceDefinition> Sources { get; } = BuildSources();

        private static ImmutableArray<SourceDefinition> BuildSources()
        {
            var b = ImmutableArray.CreateBuilder<SourceDefinition>();

            void Llm(string type, string display, params string[] members)
            {
                foreach (var m in members)
                    b.Add(new SourceDefinition(new MemberRef(type, m), TaintKind.LlmOutput, "LLM output ('" + display + "." + m + "')"));
            }

            void Model(string type, string display, params string[] members)
            {
                foreach (var m in members)
                    b.Add(new SourceDefinition(new MemberRef(type, m), TaintKind.ModelOutput, "the model output of '" + display + "." + m + "'"));
            }

            Llm(TypeNames.OpenAIChatClient, "ChatClient", "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync");
            Llm(TypeNames.OpenAIResponsesClient, "ResponsesClient", "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync");
            Llm(TypeNames.MeaiChatClient, "IChatClient", "GetResponseAsync", "GetStreamingResponseAsync");
            Llm(TypeNames.MeaiChatClientExtensions, "IChatClient", "GetResponseAsync", "GetStreamingResponseAsync");
            Llm(TypeNames.MeaiStructuredOutputExtensions, "IChatClient", "GetResponseAsync");
            Llm(TypeNames.SkKernelExtensions, "Kernel", "InvokePromptAsync", "InvokePromptStreamingAsync");
            Llm(TypeNames.SkKernel, "Kernel", "InvokeAsync", "InvokeStreamingAsync");
            Llm(TypeNames.SkKernelFunction, "KernelFunction", "InvokeAsync", "InvokeStreamingAsync");
            Llm(TypeNames.SkChatCompletionService, "IChatCompletionService", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync");
            Llm(TypeNames.SkChatCompletionServiceExtensions, "IChatCompletionService", "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync");

            Model(TypeNames.PredictionEngineBase, "PredictionEngine", "Predict");
            Model(TypeNames.PredictionEngine, "PredictionEngine", "Predict");
            Model(TypeNames.TransformerInterface, "ITransformer", "Transform");
            Model(TypeNames.InferenceSession, "InferenceSession", "Run", "RunAsync");
            Model(TypeNames.TorchModuleOfT, "Module", "forward", "call");
            return b.ToImmutable();
        }

        /// <summary>True when the argument for <paramref name="parameterName"/> is the static property
        /// <paramref name="propertyName"/> of <paramref name="typeMetadataName"/> (<c>ChatRole.System</c>).</summary>
        public static bool ArgumentIsStaticProperty(SinkCall call, string parameterName, string typeMetadataName, params string[] propertyNames)
        {
            if (call.Argument(parameterName) is not IPropertyReferenceOperation { Instance: null } property)
                return false;
            if (Array.IndexOf(propertyNames, property.Property.Name) < 0)
                return false;
            var type = property.Property.ContainingType;
            return type is not null && TypeNames.MetadataNameOf(type) == typeMetadataName;
        }

        /// <summary>The value's static type before conversions to object or interfaces.</summary>
        public static ITypeSymbol? ValueType(IOperation value) => FlowEngine.Unwrap(value).Type;

        /// <summary>
        /// A vector of scores: arrays of float/double/Half, <c>VBuffer&lt;float&gt;</c>, ONNX and TorchSharp
        /// tensors, enumerables and dictionaries of floats, and objects (one level, plus collections of
        /// them) with a public property of such a type. A label, a single score or a rounded top-1 is not.
        /// Asked at every return of every endpoint, mostly about the same few response classes, so the answer for a plain
        /// named type (one symbol object per compilation) is kept, weakly: it goes with its compilation. Arrays, constructed
        /// generics and anonymous types are new symbol objects each time they are bound, so keeping them would only fill
        /// the table; their answer is cheap to work out again.
        /// </summary>
        public static bool IsScoreVector(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { IsGenericType: false, IsAnonymousType: false, TypeKind: TypeKind.Class or TypeKind.Struct } named)
                return s_scoreVectors.GetValue(named.OriginalDefinition, t => IsScoreVector(t, 0) ? Yes : No) == Yes;
            return IsScoreVector(type, 0);
        }

        private static readonly object Yes = new object();
        private static readonly object No = new object();
        private static readonly ConditionalWeakTable<ITypeSymbol, object> s_scoreVectors = new ConditionalWeakTable<ITypeSymbol, object>();

        private static bool IsScoreVector(ITypeSymbol? type, int depth)
        {
            if (type is null || depth > 2)
                return false;
            if (type is IArrayTypeSymbol array)
                return IsScoreElement(array.ElementType) || IsScoreVector(array.ElementType, depth + 1);
            if (type is not INamedTypeSymbol named || type.SpecialType == SpecialType.System_String)
                return false;
            var name = TypeNames.MetadataNameOf(named.OriginalDefinition);
            if (name == TypeNames.TorchTensor)
                return true;
            if ((name == TypeNames.VBuffer || name == TypeNames.OnnxTensor || name == TypeNames.DenseTensor) && named.TypeArguments.Length == 1)
                return IsScoreElement(named.TypeArguments[0]);
            if (InheritsFrom(named, TypeNames.OnnxTensor))
                return true;
            foreach (var i in named.AllInterfaces)
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    var element = i.TypeArguments[0];
                    if (IsScoreElement(element))
                        return true;
                    if (element is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair && IsScoreElement(pair.TypeArguments[1]))
                        return true;
                    return IsScoreVector(element, depth + 1);
                }
            }

            if (named.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || depth > 1)
                return false;
            var ns = TypeNames.NamespaceOf(named);
            if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
                return false;
            foreach (var member in named.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property &&
                    IsScoreVector(property.Type, depth + 1))
                    return true;
                if (member is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } field && IsScoreVector(field.Type, depth + 1))
                    return true;
            }

            return false;
        }

        private static bool InheritsFrom(INamedTypeSymbol type, string metadataName)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (TypeNames.MetadataNameOf(t.OriginalDefinition) == metadataName)
                    return t.TypeArguments.Length == 1 && IsScoreElement(t.TypeArguments[0]);
            }

            return false;
        }

        private static bool IsScoreElement(ITypeSymbol type) =>
            type.SpecialType is SpecialType.System_Single or SpecialType.System_Double || (type is INamedTypeSymbol { Name: "Half" } && TypeNames.NamespaceOf(type) == "System");

        /// <summary>Text-like values (for logging request data): strings, chars, builders, spans of char.</summary>
        public static bool IsText(ITypeSymbol? type) =>
            type is not null &&
            (type.SpecialType == SpecialType.System_String ||
             (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char }) ||
             (type is INamedTypeSymbol { Name: "StringBuilder" } && TypeNames.NamespaceOf(type) == "System.Text") ||
             (type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory", TypeArguments: { Length: 1 } arguments } && arguments[0].SpecialType == SpecialType.System_Char &&
              TypeNames.NamespaceOf(type) == "System"));
    }
}
