using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2003: request text becomes instructions: a system/developer message, chat
    /// instructions, a tool description, or the text of a prompt template.</summary>
    internal static class SL2003UntrustedTextInSystemPrompt
    {
        public static ImmutableArray<SinkDefinition> Sinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.OpenAISystemChatMessage, ".ctor"), "SystemChatMessage", parameterFilter: _ => true),
            new SinkDefinition(new MemberRef(TypeNames.OpenAIDeveloperChatMessage, ".ctor"), "DeveloperChatMessage", parameterFilter: _ => true),
            new SinkDefinition(new MemberRef(TypeNames.OpenAIChatMessage, "CreateSystemMessage"), "ChatMessage.CreateSystemMessage", parameterFilter: _ => true),
            new SinkDefinition(new MemberRef(TypeNames.OpenAIChatMessage, "CreateDeveloperMessage"), "ChatMessage.CreateDeveloperMessage", parameterFilter: _ => true),
            new SinkDefinition(new MemberRef(TypeNames.MeaiChatMessage, ".ctor"), "ChatMessage(ChatRole.System, …)",
                parameterFilter: p => p.Name is "content" or "contents",
                condition: call => LlmTables.ArgumentIsStaticProperty(call, "role", TypeNames.MeaiChatRole, "System")),
            new SinkDefinition(new MemberRef(TypeNames.MeaiChatOptions, "Instructions"), "ChatOptions.Instructions"),
            new SinkDefinition(new MemberRef(TypeNames.MeaiFunctionFactoryOptions, "Description"), "AIFunctionFactoryOptions.Description"),
            new SinkDefinition(new MemberRef(TypeNames.MeaiFunctionFactory, "Create"), "AIFunctionFactory.Create", parameterFilter: p => p.Name == "description"),
            new SinkDefinition(new MemberRef(TypeNames.SkKernelFunctionFactory, "CreateFromMethod"), "KernelFunctionFactory.CreateFromMethod", parameterFilter: p => p.Name == "description"),
            new SinkDefinition(new MemberRef(TypeNames.SkKernelFunctionFactory, "CreateFromPrompt"), "KernelFunctionFactory.CreateFromPrompt",
                parameterFilter: p => p.Name == "description" || (p.Name == "promptTemplate" && p.Type.SpecialType == Microsoft.CodeAnalysis.SpecialType.System_String)),
            new SinkDefinition(new MemberRef(TypeNames.SkKernelExtensions, "CreateFunctionFromPrompt"), "Kernel.CreateFunctionFromPrompt", parameterFilter: p => p.Name is "promptTemplate" or "description"),
            new SinkDefinition(new MemberRef(TypeNames.SkKernelExtensions, "InvokePromptAsync"), "Kernel.InvokePromptAsync", parameterFilter: p => p.Name == "promptTemplate"),
            new SinkDefinition(new MemberRef(TypeNames.SkKernelExtensions, "InvokePromptStreamingAsync"), "Kernel.InvokePromptStreamingAsync", parameterFilter: p => p.Name == "promptTemplate"),
            new SinkDefinition(new MemberRef(TypeNames.SkChatHistory, "AddSystemMessage"), "ChatHistory.AddSystemMessage", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.SkChatHistory, "AddDeveloperMessage"), "ChatHistory.AddDeveloperMessage", parameterOrdinal: 0),
            new SinkDefinition(new MemberRef(TypeNames.SkChatHistory, ".ctor"), "ChatHistory",
                parameterFilter: p => p.Name is "systemMessage" or "message",
                condition: call => call.Argument("role") is null || LlmTables.ArgumentIsStaticProperty(call, "role", TypeNames.SkAuthorRole, "System", "Developer")),
            new SinkDefinition(new MemberRef(TypeNames.SkChatHistory, "AddMessage"), "ChatHistory.AddMessage(AuthorRole.System, …)",
                parameterFilter: p => p.Name is "content" or "contentItems",
                condition: call => LlmTables.ArgumentIsStaticProperty(call, "authorRole", TypeNames.SkAuthorRole, "System", "Developer")));

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL2003UntrustedTextInSystemPrompt,
            TaintKind.Request,
            SanitizerGroups.AllowListed,
            Sinks,
            hit => new object[] { hit.SourceDescription, hit.SinkDisplay },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.AllowListed);
    }
}
