using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2004")]
public class SL2004LlmOutputToDangerousSinkTests
{
    private const string FromMeai = "LLM output ('IChatClient.GetResponseAsync')";

    [Fact]
    public Task ExtensionsAiAnswer_ToProcessStart_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Agent
        {
            private readonly IChatClient _client;
            public Agent(IChatClient client) => _client = client;

            public async Task RunAsync()
            {
                var response = await _client.GetResponseAsync("Which diagnostic command should I run?");
                var command = response.Text.Trim();
                Process.Start({|#0:command|});
                Process.Start("dotnet", {|#1:"--info " + response|});
                var info = new ProcessStartInfo { FileName = "bash", Arguments = {|#2:response.Messages[0].Text|} };
            }
        }
        """,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments(FromMeai, "Process.Start"),
        Verify.Diagnostic("SL2004").WithLocation(1).WithArguments(FromMeai, "Process.Start"),
        Verify.Diagnostic("SL2004").WithLocation(2).WithArguments(FromMeai, "ProcessStartInfo.Arguments"));

    [Fact]
    public Task OpenAiCompletion_ToSqlAndPaths_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Data.Common;
        using System.IO;
        using OpenAI.Chat;

        class ReportWriter
        {
            public void Write(ChatClient chat, DbConnection connection)
            {
                var completion = chat.CompleteChat(new UserChatMessage("Write the SQL for last month's sales"));
                var sql = completion.Value.Content[0].Text;
                using var command = connection.CreateCommand();
                command.CommandText = {|#0:sql|};
                File.WriteAllText({|#1:Path.Combine("/reports", sql)|}, "x");
                File.WriteAllText("/reports/last.sql", sql);
            }
        }
        """,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments("LLM output ('ChatClient.CompleteChat')", "DbCommand.CommandText"),
        Verify.Diagnostic("SL2004").WithLocation(1).WithArguments("LLM output ('ChatClient.CompleteChat')", "File.WriteAllText"));

    [Fact]
    public Task SemanticKernelOutput_ToHtmlRedirectAndTypeLoading_IsReported_PlainTextIsNot() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public class AnswersController : ControllerBase
        {
            private readonly Kernel _kernel;
            private readonly IChatCompletionService _chat;
            public AnswersController(Kernel kernel, IChatCompletionService chat) { _kernel = kernel; _chat = chat; }

            [HttpGet("html")]
            public async Task<IResult> Html()
            {
                var answer = await _chat.GetChatMessageContentAsync("Write a greeting as HTML");
                return Results.Content({|#0:answer.Content|}, "text/html");
            }

            [HttpGet("text")]
            public async Task<IResult> Text()
            {
                var answer = await _chat.GetChatMessageContentAsync("Write a greeting");
                return Results.Content(answer.Content, "text/plain");
            }

            [HttpGet("next")]
            public async Task<IActionResult> Next()
            {
                var result = await _kernel.InvokePromptAsync("Where should the user go next?");
                return Redirect({|#1:result.ToString()|});
            }

            [HttpGet("plugin")]
            public async Task<IActionResult> Plugin()
            {
                var result = await _kernel.InvokePromptAsync("Which plugin type handles this?");
                var type = Type.GetType({|#2:result.GetValue<string>()|});
                return Ok(type?.Name);
            }
        }
        """,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments("LLM output ('IChatCompletionService.GetChatMessageContentAsync')", "Results.Content(…, \"text/html\")"),
        Verify.Diagnostic("SL2004").WithLocation(1).WithArguments("LLM output ('Kernel.InvokePromptAsync')", "ControllerBase.Redirect"),
        Verify.Diagnostic("SL2004").WithLocation(2).WithArguments("LLM output ('Kernel.InvokePromptAsync')", "Type.GetType"));

    [Fact]
    public Task AllowListedActions_AreSilent_LengthChecksAreNot() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Text.RegularExpressions;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        enum Tool { Status, Uptime }

        partial class Agent
        {
            private static readonly Dictionary<string, string> Commands = new Dictionary<string, string>
            {
                ["status"] = "systemctl status app", ["uptime"] = "uptime",
            };

            private readonly IChatClient _client;
            public Agent(IChatClient client) => _client = client;

            [GeneratedRegex("^[a-z]{1,12}$")]
            private static partial Regex ToolName();

            public async Task Lookup()
            {
                var choice = (await _client.GetResponseAsync("status or uptime?")).Text;
                if (Commands.TryGetValue(choice, out var command))
                    Process.Start("bash", command);
            }

            public async Task Switch()
            {
                var choice = (await _client.GetResponseAsync("status or uptime?")).Text;
                switch (choice)
                {
                    case "status":
                    case "uptime":
                        Process.Start(choice);
                        break;
                }
            }

            public async Task EnumParse()
            {
                var choice = (await _client.GetResponseAsync("Status or Uptime?")).Text;
                if (Enum.TryParse<Tool>(choice, out var tool))
                    Process.Start(tool.ToString());
            }

            public async Task FullMatch()
            {
                var choice = (await _client.GetResponseAsync("tool?")).Text;
                if (!ToolName().IsMatch(choice))
                    return;
                Process.Start(choice);
            }

            public async Task LengthOnly()
            {
                var choice = (await _client.GetResponseAsync("tool?")).Text;
                if (choice.Length > 12)
                    return;
                Process.Start({|#0:choice|});
            }
        }

        partial class Agent
        {
            private static partial Regex ToolName() => new Regex("^[a-z]{1,12}$");
        }
        """, Verify.Diagnostic("SL2004").WithLocation(0).WithArguments(FromMeai, "Process.Start"));

    [Fact]
    public Task HelpersAndStreaming_AreFollowed() => Verify.VerifyAnalyzerAsync("""
        using System.Diagnostics;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Agent
        {
            private readonly IChatClient _client;
            public Agent(IChatClient client) => _client = client;

            private async Task<string> AskAsync(string question) => (await _client.GetResponseAsync(question)).Text;

            private static void Execute(string commandLine) => Process.Start("bash", "-c " + commandLine);

            public async Task ViaHelpers()
            {
                var answer = await AskAsync("command?");
                Execute({|#0:answer|});
            }

            public async Task Streaming()
            {
                var text = new StringBuilder();
                await foreach (var update in _client.GetStreamingResponseAsync("command?"))
                    text.Append(update.Text);
                Process.Start({|#1:text.ToString()|});
            }

            public void NotFromTheModel(string configured) => Process.Start(configured);
        }
        """,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments(FromMeai, "Process.Start' through 'Execute"),
        Verify.Diagnostic("SL2004").WithLocation(1).WithArguments("LLM output ('IChatClient.GetStreamingResponseAsync')", "Process.Start"));
}
