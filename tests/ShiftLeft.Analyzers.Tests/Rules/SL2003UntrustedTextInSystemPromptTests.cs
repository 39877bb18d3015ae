using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;
using VerifyFix = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer, ShiftLeft.Analyzers.CodeFixes.Rules.ModelInputAndLlm.SL2003KernelArgumentsCodeFix>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2003")]
public class SL2003UntrustedTextInSystemPromptTests
{
    [Fact]
    public Task OpenAiSystemAndDeveloperMessages_AreReported_UserMessagesAreNot() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable OPENAI001
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using OpenAI.Chat;

        public class ChatRequest { public string Persona { get; set; } public string Question { get; set; } }

        [ApiController, Route("chat")]
        public class ChatController : ControllerBase
        {
            private readonly ChatClient _chat;
            public ChatController(ChatClient chat) => _chat = chat;

            [HttpPost]
            public async Task<IActionResult> Ask(ChatRequest request)
            {
                var messages = new ChatMessage[]
                {
                    new SystemChatMessage({|#0:$"You are {request.Persona}. Answer briefly."|}),
                    new DeveloperChatMessage({|#1:"Tone: " + request.Persona|}),
                    ChatMessage.CreateSystemMessage({|#2:request.Persona|}),
                    new UserChatMessage(request.Question),
                };
                if (request.Question.Length > 4000)
                    return BadRequest();
                var completion = await _chat.CompleteChatAsync(messages);
                return Ok(completion.Value.Content[0].Text.Length);
            }
        }
        """,
        Verify.Diagnostic("SL2003").WithLocation(0).WithArguments("request parameter 'request'", "SystemChatMessage"),
        Verify.Diagnostic("SL2003").WithLocation(1).WithArguments("request parameter 'request'", "DeveloperChatMessage"),
        Verify.Diagnostic("SL2003").WithLocation(2).WithArguments("request parameter 'request'", "ChatMessage.CreateSystemMessage"));

    [Fact]
    public Task ExtensionsAiSystemRoleInstructionsAndToolDescriptions_AreReported() => Verify.VerifyProgramAsync("""
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;

        var app = WebApplication.Create(args);
        app.MapPost("/ask", async (string style, string question, IChatClient client) =>
        {
            var messages = new List<ChatMessage>
            {
                new ChatMessage(ChatRole.System, {|#0:"Answer in the style of " + style|}),
                new ChatMessage(ChatRole.User, question),
            };
            var options = new ChatOptions { Instructions = {|#1:style|} };
            var tool = AIFunctionFactory.Create(() => 42, "answer", {|#2:style|});
            var response = await client.GetResponseAsync(messages, options);
            return Results.Ok(response.Text.Length);
        });
        app.Run();
        """,
        Verify.Diagnostic("SL2003").WithLocation(0).WithArguments("request parameter 'style'", "ChatMessage(ChatRole.System, …)"),
        Verify.Diagnostic("SL2003").WithLocation(1).WithArguments("request parameter 'style'", "ChatOptions.Instructions"),
        Verify.Diagnostic("SL2003").WithLocation(2).WithArguments("request parameter 'style'", "AIFunctionFactory.Create"));

    [Fact]
    public Task SemanticKernelTemplatesAndHistory_AreReported_KernelArgumentsAreNot() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public class SummaryController : ControllerBase
        {
            private readonly Kernel _kernel;
            public SummaryController(Kernel kernel) => _kernel = kernel;

            [HttpPost("template")]
            public async Task<string> Template([FromBody] string text)
            {
                var result = await _kernel.InvokePromptAsync({|#0:$"Summarize: {text}"|});
                return result.ToString();
            }

            [HttpPost("arguments")]
            public async Task<string> Arguments([FromBody] string text)
            {
                var result = await _kernel.InvokePromptAsync("Summarize: {{$text}}", new KernelArguments { ["text"] = text });
                return result.ToString();
            }

            [HttpPost("history")]
            public string History([FromQuery] string persona, [FromBody] string text)
            {
                var history = new ChatHistory({|#1:persona|});
                history.AddSystemMessage({|#2:"Persona: " + persona|});
                history.AddMessage(AuthorRole.System, {|#3:persona|});
                history.AddUserMessage(text);
                history.AddMessage(AuthorRole.User, text);
                return history.Count.ToString();
            }

            [HttpPost("function")]
            public KernelFunction Function([FromQuery] string description) => _kernel.CreateFunctionFromPrompt("Say hi", description: {|#4:description|});
        }
        """,
        Verify.Diagnostic("SL2003").WithLocation(0).WithArguments("request parameter 'text'", "Kernel.InvokePromptAsync"),
        Verify.Diagnostic("SL2003").WithLocation(1).WithArguments("request parameter 'persona'", "ChatHistory"),
        Verify.Diagnostic("SL2003").WithLocation(2).WithArguments("request parameter 'persona'", "ChatHistory.AddSystemMessage"),
        Verify.Diagnostic("SL2003").WithLocation(3).WithArguments("request parameter 'persona'", "ChatHistory.AddMessage(AuthorRole.System, …)"),
        Verify.Diagnostic("SL2003").WithLocation(4).WithArguments("request parameter 'description'", "Kernel.CreateFunctionFromPrompt"));

    [Fact]
    public Task AllowListedPersona_IsSilent_LengthBoundIsNotEnough() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.SemanticKernel.ChatCompletion;

        public class PersonaController : ControllerBase
        {
            private static readonly Dictionary<string, string> Personas = new Dictionary<string, string>
            {
                ["pirate"] = "You are a pirate.", ["butler"] = "You are a butler.",
            };

            [HttpGet("lookup")]
            public IActionResult Lookup(string persona)
            {
                if (!Personas.TryGetValue(persona, out var system))
                    return NotFound();
                var history = new ChatHistory(system);
                return Ok(history.Count);
            }

            [HttpGet("equals")]
            public IActionResult Equal(string persona)
            {
                if (persona != "pirate" && persona != "butler")
                    return NotFound();
                var history = new ChatHistory();
                history.AddSystemMessage("You are a " + persona);
                return Ok(history.Count);
            }

            [HttpGet("bounded")]
            public IActionResult Bounded(string persona)
            {
                if (persona.Length > 20)
                    return BadRequest();
                var history = new ChatHistory();
                history.AddSystemMessage({|#0:persona|});
                return Ok(history.Count);
            }

            [HttpGet("query")]
            public IActionResult Query()
            {
                var history = new ChatHistory();
                history.AddSystemMessage({|#1:Request.Query["persona"].ToString()|});
                return Ok(history.Count);
            }
        }
        """,
        Verify.Diagnostic("SL2003").WithLocation(0).WithArguments("request parameter 'persona'", "ChatHistory.AddSystemMessage"),
        Verify.Diagnostic("SL2003").WithLocation(1).WithArguments("request data ('HttpRequest.Query')", "ChatHistory.AddSystemMessage"));

    [Fact]
    public Task SignalRHubArgument_IsReported() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.SignalR;
        using Microsoft.SemanticKernel.ChatCompletion;

        public class ChatHub : Hub
        {
            public int Start(string rules)
            {
                var history = new ChatHistory();
                history.AddSystemMessage({|#0:rules|});
                return history.Count;
            }
        }
        """, Verify.Diagnostic("SL2003").WithLocation(0).WithArguments("SignalR hub argument 'rules'", "ChatHistory.AddSystemMessage"));

    [Fact]
    public Task CodeFix_MovesInterpolatedRequestDataIntoKernelArguments() => VerifyFix.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.SemanticKernel;

        public class Req { public string Language { get; set; } }

        public class SummaryController : ControllerBase
        {
            private readonly Kernel _kernel;
            public SummaryController(Kernel kernel) => _kernel = kernel;

            [HttpPost]
            public async Task<string> Summarize([FromBody] string text, [FromQuery] Req req)
            {
                var result = await _kernel.InvokePromptAsync({|#0:$"Summarize in {req.Language}: {text}"|});
                return result.ToString();
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.SemanticKernel;

        public class Req { public string Language { get; set; } }

        public class SummaryController : ControllerBase
        {
            private readonly Kernel _kernel;
            public SummaryController(Kernel kernel) => _kernel = kernel;

            [HttpPost]
            public async Task<string> Summarize([FromBody] string text, [FromQuery] Req req)
            {
                var result = await _kernel.InvokePromptAsync("Summarize in {{$Language}}: {{$text}}", arguments: new KernelArguments { ["Language"] = req.Language, ["text"] = text });
                return result.ToString();
            }
        }
        """, VerifyFix.Diagnostic("SL2003").WithLocation(0).WithArguments("request parameter 'req'", "Kernel.InvokePromptAsync"));
}
