using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2007")]
public class SL2007PromptOrOutputLoggedTests
{
    [Fact]
    public Task PromptsAndAnswers_Logged_AreReported_LengthsAndIdsAreNot() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        public class AskRequest { public string Question { get; set; } public int UserId { get; set; } }

        [ApiController, Route("ask")]
        public class AskController : ControllerBase
        {
            private readonly IChatClient _client;
            private readonly ILogger<AskController> _logger;
            public AskController(IChatClient client, ILogger<AskController> logger) { _client = client; _logger = logger; }

            [HttpPost]
            public async Task<IActionResult> Ask(AskRequest request)
            {
                if (request.Question.Length > 4000)
                    return BadRequest();
                _logger.LogInformation("Prompt from {User}: {Prompt}", request.UserId, {|#0:request.Question|});
                _logger.LogInformation("Prompt of {Length} chars from {User}", request.Question.Length, request.UserId);
                var response = await _client.GetResponseAsync(request.Question);
                _logger.LogDebug({|#1:"Answer: " + response.Text|});
                Console.WriteLine({|#2:response.Text|});
                _logger.LogInformation("Answer of {Length} chars", response.Text.Length);
                return Ok(response.Text);
            }

            [HttpPost("no-llm")]
            public IActionResult NoLlm(AskRequest request)
            {
                _logger.LogInformation("Search for {Query}", request.Question);
                return Ok();
            }
        }
        """,
        Verify.Diagnostic("SL2007").WithLocation(0).WithArguments("request parameter 'request'", "ILogger.LogInformation"),
        Verify.Diagnostic("SL2007").WithLocation(1).WithArguments("LLM output ('IChatClient.GetResponseAsync')", "ILogger.LogDebug"),
        Verify.Diagnostic("SL2007").WithLocation(2).WithArguments("LLM output ('IChatClient.GetResponseAsync')", "Console.WriteLine"));
}
