using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;
using VerifyFix = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer, ShiftLeft.Analyzers.CodeFixes.Rules.ModelInputAndLlm.SL2005ClampOutputTokensCodeFix>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2005")]
public class SL2005UnboundedGenerationTests
{
    [Fact]
    public Task CallerChosenLimits_AreReported_BoundedOnesAreNot() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        using OpenAI.Chat;

        public class AskRequest { public string Question { get; set; } public int MaxTokens { get; set; } }

        [ApiController, Route("ask")]
        public class AskController : ControllerBase
        {
            [HttpPost("meai")]
            public ChatOptions Meai(AskRequest request) => new ChatOptions { MaxOutputTokens = {|#0:request.MaxTokens|} };

            [HttpPost("openai")]
            public ChatCompletionOptions OpenAi([FromQuery] int maxTokens) => new ChatCompletionOptions { MaxOutputTokenCount = {|#1:maxTokens|} };

            [HttpPost("sk")]
            public OpenAIPromptExecutionSettings Sk([FromQuery] int maxTokens)
            {
                var settings = new OpenAIPromptExecutionSettings();
                settings.MaxTokens = {|#2:maxTokens|};
                return settings;
            }

            [HttpPost("clamped")]
            public ChatOptions Clamped(AskRequest request) => new ChatOptions { MaxOutputTokens = Math.Clamp(request.MaxTokens, 1, 4096) };

            [HttpPost("min")]
            public ChatOptions Min(AskRequest request) => new ChatOptions { MaxOutputTokens = Math.Min(request.MaxTokens, 2048) };

            [HttpPost("guarded")]
            public IActionResult Guarded(AskRequest request)
            {
                if (request.MaxTokens > 4096)
                    return BadRequest();
                return Ok(new ChatOptions { MaxOutputTokens = request.MaxTokens });
            }

            [HttpPost("constant")]
            public ChatOptions Constant(AskRequest request) => new ChatOptions { MaxOutputTokens = 512 };
        }
        """,
        Verify.Diagnostic("SL2005").WithLocation(0).WithArguments("ChatOptions.MaxOutputTokens", "request parameter 'request'"),
        Verify.Diagnostic("SL2005").WithLocation(1).WithArguments("ChatCompletionOptions.MaxOutputTokenCount", "request parameter 'maxTokens'"),
        Verify.Diagnostic("SL2005").WithLocation(2).WithArguments("OpenAIPromptExecutionSettings.MaxTokens", "request parameter 'maxTokens'"));

    [Fact]
    public Task RangeAnnotation_WithApiController_IsABound() => Verify.VerifyAnalyzerAsync("""
        using System.ComponentModel.DataAnnotations;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;

        public class AskRequest { [StringLength(4000)] public string Question { get; set; } [Range(1, 4096)] public int MaxTokens { get; set; } }

        [ApiController, Route("ask")]
        public class AskController : ControllerBase
        {
            [HttpPost]
            public ChatOptions Ask(AskRequest request) => new ChatOptions { MaxOutputTokens = request.MaxTokens };
        }
        """);

    private const string FixSource = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;

        public class AskController : ControllerBase
        {
            [HttpPost]
            public ChatOptions Ask([FromQuery] int maxTokens) => new ChatOptions { MaxOutputTokens = {|#0:maxTokens|} };
        }
        """;

    [Fact]
    public Task CodeFix_WrapsInMathClamp_WithTheDefaultMaximum() => VerifyFix.VerifyCodeFixAsync(FixSource, """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;

        public class AskController : ControllerBase
        {
            [HttpPost]
            public ChatOptions Ask([FromQuery] int maxTokens) => new ChatOptions { MaxOutputTokens = System.Math.Clamp(maxTokens, 1, 4096) };
        }
        """, VerifyFix.Diagnostic("SL2005").WithLocation(0).WithArguments("ChatOptions.MaxOutputTokens", "request parameter 'maxTokens'"));

    [Fact]
    public Task CodeFix_UsesTheConfiguredMaximum()
    {
        var test = new ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer, ShiftLeft.Analyzers.CodeFixes.Rules.ModelInputAndLlm.SL2005ClampOutputTokensCodeFix>.Test
        {
            TestCode = FixSource,
            FixedCode = FixSource.Replace("{|#0:maxTokens|}", "System.Math.Clamp(maxTokens, 1, 1000)"),
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nshiftleft.SL2005.max_output_tokens = 1000\n"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic("SL2005").WithLocation(0).WithArguments("ChatOptions.MaxOutputTokens", "request parameter 'maxTokens'"));
        return test.RunAsync(CancellationToken.None);
    }
}
