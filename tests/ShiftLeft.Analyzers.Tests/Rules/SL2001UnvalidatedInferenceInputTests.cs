using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL2001")]
public class SL2001UnvalidatedInferenceInputTests
{
    private const string Model = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML;

        public class ReviewInput { public string Text { get; set; } public string Category { get; set; } public float Rating { get; set; } }
        public class ReviewOutput { public bool PredictedLabel { get; set; } public float Probability { get; set; } }

        """;

    private static string Controller(string body, string attributes = "[ApiController]") => Model + attributes + """

        [Route("reviews")]
        public class ReviewsController : ControllerBase
        {
            private readonly PredictionEngine<ReviewInput, ReviewOutput> _engine;
            public ReviewsController(PredictionEngine<ReviewInput, ReviewOutput> engine) => _engine = engine;

        """ + body + "\n}\n";

    [Fact]
    public Task ComplexBoundParameter_IsReported_WithSourceAndSinkInTheMessage() => Verify.VerifyAnalyzerAsync(Controller("""
            [HttpPost]
            public bool Classify(ReviewInput input) => _engine.Predict({|#0:input|}).PredictedLabel;
        """), Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'input'", "PredictionEngine.Predict"));

    [Fact]
    public Task LookupByIdentifier_ReturnsStoredData_ButTextStillFlows() => Verify.VerifyAnalyzerAsync(Controller("""
            private readonly Store _store = new Store();

            [HttpPost("{id:guid}/score")]
            public IActionResult ScoreStored(Guid id) => Ok(_engine.Predict(_store.Find(id)).PredictedLabel);

            [HttpPost("{id:int}/score")]
            public async Task<IActionResult> ScoreStoredAsync(int id) => Ok(_engine.Predict(await _store.FindAsync(id)).PredictedLabel);

            [HttpPost("build")]
            public IActionResult ScoreBuilt(string text) => Ok(_engine.Predict({|#0:_store.Build(text)|}).PredictedLabel);

            [HttpPost("{id:guid}/merge")]
            public IActionResult ScoreMerged(Guid id, string text) => Ok(_engine.Predict({|#1:_store.Merge(id, text)|}).PredictedLabel);
        """) + """
        public class Store
        {
            private readonly Dictionary<Guid, ReviewInput> _items = new Dictionary<Guid, ReviewInput>();
            private readonly List<ReviewInput> _list = new List<ReviewInput>();
            public ReviewInput Find(Guid id) => _items[id];
            public Task<ReviewInput> FindAsync(int id) => Task.FromResult(_list[id]);
            public ReviewInput Build(string text) => new ReviewInput { Text = text };
            public ReviewInput Merge(Guid id, string text) => new ReviewInput { Text = _items[id].Text + text };
        }
        """,
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'text'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(1).WithArguments("request parameter 'text'", "PredictionEngine.Predict"));

    [Fact]
    public Task LengthGuardThatReturns_ValidatesThatMemberOnly() => Verify.VerifyAnalyzerAsync(Controller("""
            [HttpPost("a")]
            public IActionResult Guarded(ReviewInput input)
            {
                if (input.Text is null || input.Text.Length > 2000)
                    return BadRequest();
                var output = _engine.Predict(new ReviewInput { Text = input.Text });
                return Ok(output.PredictedLabel);
            }

            [HttpPost("b")]
            public IActionResult OtherMemberUnchecked(ReviewInput input)
            {
                if (input.Text.Length > 2000)
                    return BadRequest();
                var output = _engine.Predict({|#0:new ReviewInput { Text = input.Text, Category = input.Category }|});
                return Ok(output.PredictedLabel);
            }

            [HttpPost("c")]
            public IActionResult GuardThatDoesNotLeave(ReviewInput input)
            {
                if (input.Text.Length > 2000)
                    Console.WriteLine("long review");
                return Ok(_engine.Predict({|#1:input|}).PredictedLabel);
            }

            [HttpPost("d")]
            public IActionResult LowerBoundOnly(string text)
            {
                if (text.Length < 3)
                    throw new ArgumentException("too short");
                return Ok(_engine.Predict({|#2:new ReviewInput { Text = text }|}).PredictedLabel);
            }

            [HttpPost("e")]
            public IActionResult InsideThePassingBranch(string text)
            {
                if (text.Length <= 2000)
                    return Ok(_engine.Predict(new ReviewInput { Text = text }).PredictedLabel);
                return BadRequest();
            }
        """),
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'input'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(1).WithArguments("request parameter 'input'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(2).WithArguments("request parameter 'text'", "PredictionEngine.Predict"));

    [Fact]
    public Task RangeClampFiniteAndMembershipGuards_AreRecognised() => Verify.VerifyAnalyzerAsync(Controller("""
            private static readonly HashSet<string> Categories = new HashSet<string> { "books", "music" };
            public enum Kind { Books, Music }

            [HttpGet("clamp")]
            public bool Clamp(float rating) => _engine.Predict(new ReviewInput { Rating = Math.Clamp(rating, 0f, 5f) }).PredictedLabel;

            [HttpGet("min")]
            public bool Min(float rating) => _engine.Predict(new ReviewInput { Rating = Math.Min(rating, 5f) }).PredictedLabel;

            [HttpGet("finite")]
            public IActionResult Finite(float rating)
            {
                if (!float.IsFinite(rating))
                    return BadRequest();
                return Ok(_engine.Predict(new ReviewInput { Rating = rating }).PredictedLabel);
            }

            [HttpGet("range")]
            public IActionResult Range(float rating)
            {
                if (rating < 0 || rating > 5)
                    return BadRequest();
                return Ok(_engine.Predict(new ReviewInput { Rating = rating }).PredictedLabel);
            }

            [HttpGet("pattern")]
            public IActionResult Pattern(float rating)
            {
                if (rating is < 0 or > 5)
                    return BadRequest();
                return Ok(_engine.Predict(new ReviewInput { Rating = rating }).PredictedLabel);
            }

            [HttpGet("set")]
            public IActionResult Set(string category)
            {
                if (!Categories.Contains(category))
                    return NotFound();
                return Ok(_engine.Predict(new ReviewInput { Category = category }).PredictedLabel);
            }

            [HttpGet("enum")]
            public IActionResult EnumParse(string category)
            {
                if (!Enum.TryParse<Kind>(category, out var kind))
                    return NotFound();
                return Ok(_engine.Predict(new ReviewInput { Category = kind.ToString() }).PredictedLabel);
            }

            [HttpGet("regex")]
            public IActionResult FullMatch(string category)
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(category, "^[a-z]{1,20}$"))
                    return BadRequest();
                return Ok(_engine.Predict(new ReviewInput { Category = category }).PredictedLabel);
            }

            [HttpGet("partial-regex")]
            public IActionResult PartialMatch(string category)
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(category, "[a-z]+"))
                    return BadRequest();
                return Ok(_engine.Predict({|#0:new ReviewInput { Category = category }|}).PredictedLabel);
            }

            [HttpGet("switch")]
            public IActionResult Switch(string category)
            {
                switch (category)
                {
                    case "books":
                    case "music":
                        return Ok(_engine.Predict(new ReviewInput { Category = category }).PredictedLabel);
                    default:
                        return NotFound();
                }
            }

            [HttpGet("max-only")]
            public bool MaxIsNotABound(float rating) => _engine.Predict({|#1:new ReviewInput { Rating = Math.Max(rating, 0f) }|}).PredictedLabel;
        """),
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'category'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(1).WithArguments("request parameter 'rating'", "PredictionEngine.Predict"));

    [Fact]
    public Task BoolMembers_AreBoundedByTheirType() => Verify.VerifyAnalyzerAsync("""
        using System.ComponentModel.DataAnnotations;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML;

        public class Txn { [Range(0, 10_000)] public float Amount { get; set; } public bool IsForeign { get; set; } }
        public class Loose { public bool IsForeign { get; set; } public float Amount { get; set; } }
        public class Row { public float Amount { get; set; } public float IsForeign { get; set; } }
        public class Output { public bool PredictedLabel { get; set; } }

        [ApiController, Route("a")]
        public class ScoringController : ControllerBase
        {
            private readonly PredictionEngine<Row, Output> _engine;
            public ScoringController(PredictionEngine<Row, Output> engine) => _engine = engine;

            [HttpPost("1")] public bool AllBounded(Txn t) => _engine.Predict(new Row { Amount = t.Amount, IsForeign = t.IsForeign ? 1f : 0f }).PredictedLabel;
            [HttpPost("2")] public bool FlagParameter(bool foreign) => _engine.Predict(new Row { IsForeign = foreign ? 1f : 0f }).PredictedLabel;
            [HttpPost("3")] public bool UnboundedAmount(Loose t) => _engine.Predict({|#0:new Row { Amount = t.Amount, IsForeign = t.IsForeign ? 1f : 0f }|}).PredictedLabel;
            [HttpPost("4")] public bool OnlyTheFlag(Loose t) => _engine.Predict(new Row { IsForeign = t.IsForeign ? 1f : 0f }).PredictedLabel;
        }
        """,
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 't'", "PredictionEngine.Predict"));

    [Fact]
    public Task DataAnnotations_CountOnlyWithApiController_AndRequiredAloneDoesNot() => Verify.VerifyAnalyzerAsync("""
        using System.ComponentModel.DataAnnotations;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML;

        public class Checked { [StringLength(2000)] public string Text { get; set; } [Range(0, 5)] public float Rating { get; set; } }
        public class OnlyRequired { [Required] public string Text { get; set; } }
        public class Partly { [StringLength(2000)] public string Text { get; set; } public string Category { get; set; } }
        public class Output { public bool PredictedLabel { get; set; } }

        [ApiController, Route("a")]
        public class ApiController : ControllerBase
        {
            private readonly PredictionEngine<Checked, Output> _a;
            private readonly PredictionEngine<OnlyRequired, Output> _b;
            private readonly PredictionEngine<Partly, Output> _c;
            private readonly PredictionEngine<string, Output> _d;
            public ApiController(PredictionEngine<Checked, Output> a, PredictionEngine<OnlyRequired, Output> b, PredictionEngine<Partly, Output> c, PredictionEngine<string, Output> d) { _a = a; _b = b; _c = c; _d = d; }

            [HttpPost("1")] public bool A(Checked input) => _a.Predict(input).PredictedLabel;
            [HttpPost("2")] public bool B(OnlyRequired input) => _b.Predict({|#0:input|}).PredictedLabel;
            [HttpPost("3")] public bool C(Partly input) => _d.Predict(input.Text).PredictedLabel;
            [HttpPost("4")] public bool D(Partly input) => _d.Predict({|#1:input.Category|}).PredictedLabel;
            [HttpPost("5")] public bool E([FromQuery, StringLength(100)] string q) => _d.Predict(q).PredictedLabel;
        }

        [Route("m")]
        public class MvcController : ControllerBase
        {
            private readonly PredictionEngine<Checked, Output> _a;
            public MvcController(PredictionEngine<Checked, Output> a) => _a = a;

            [HttpPost] public bool A(Checked input) => _a.Predict({|#2:input|}).PredictedLabel;
        }
        """,
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'input'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(1).WithArguments("request parameter 'input'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(2).WithArguments("request parameter 'input'", "PredictionEngine.Predict"));

    [Fact]
    public Task Validators_AndConfiguredSanitizers_AreRecognised() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using FluentValidation;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML;

        // The shape of FluentValidation's IValidator<T> (the package is not among the test references).
        namespace FluentValidation.Results { public class ValidationResult { public bool IsValid { get; set; } } }
        namespace FluentValidation
        {
            public interface IValidator<T>
            {
                FluentValidation.Results.ValidationResult Validate(T instance);
                Task<FluentValidation.Results.ValidationResult> ValidateAsync(T instance, System.Threading.CancellationToken cancellation = default);
            }
        }

        public class Input { [StringLength(100)] public string Text { get; set; } }
        public class Output { public bool PredictedLabel { get; set; } }
        public static class Gate { public static string Screen(string text) => text; }

        public class ReviewsController : ControllerBase
        {
            private readonly PredictionEngine<Input, Output> _engine;
            private readonly IValidator<Input> _validator;
            public ReviewsController(PredictionEngine<Input, Output> engine, IValidator<Input> validator) { _engine = engine; _validator = validator; }

            [HttpPost("a")]
            public IActionResult DataAnnotationsValidator(Input input)
            {
                if (!Validator.TryValidateObject(input, new ValidationContext(input), new List<ValidationResult>(), true))
                    return BadRequest();
                return Ok(_engine.Predict(input).PredictedLabel);
            }

            [HttpPost("b")]
            public async Task<IActionResult> Fluent(Input input)
            {
                var result = await _validator.ValidateAsync(input);
                if (!result.IsValid)
                    return BadRequest();
                return Ok(_engine.Predict(input).PredictedLabel);
            }

            [HttpPost("c")]
            public IActionResult FluentResultIgnored(Input input)
            {
                var result = _validator.Validate(input);
                return Ok(_engine.Predict({|#0:input|}).PredictedLabel);
            }

            [HttpPost("d")]
            public IActionResult Configured(string text) => Ok(_engine.Predict(new Input { Text = Gate.Screen(text) }).PredictedLabel);
        }
        """, "shiftleft.SL2001.sanitizer_methods = Gate.Screen",
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'input'", "PredictionEngine.Predict"));

    [Fact]
    public Task HelperMethods_GuardHelpers_LocalFunctionsAndLinq() => Verify.VerifyAnalyzerAsync(Controller("""
            private static bool IsAcceptable(string text) => text != null && text.Length <= 2000;

            private static bool IsAcceptableLong(string text)
            {
                if (string.IsNullOrEmpty(text))
                    return false;
                if (text.Length > 2000)
                    return false;
                return true;
            }

            private bool Score(string text) => _engine.Predict(new ReviewInput { Text = text }).PredictedLabel;

            [HttpPost("helper-guard")]
            public IActionResult HelperGuard(string text)
            {
                if (!IsAcceptable(text))
                    return BadRequest();
                return Ok(Score(text));
            }

            [HttpPost("helper-guard-2")]
            public IActionResult HelperGuardWithEarlyReturns(string text)
            {
                if (!IsAcceptableLong(text))
                    return BadRequest();
                return Ok(Score(text));
            }

            [HttpPost("helper-sink")]
            public IActionResult HelperSink(string text) => Ok(Score({|#0:text|}));

            [HttpPost("local")]
            public IActionResult LocalFunction(string text)
            {
                return Ok(Run());
                bool Run() => _engine.Predict({|#1:new ReviewInput { Text = text.Trim() }|}).PredictedLabel;
            }

            [HttpPost("linq")]
            public IActionResult Batch(List<string> texts)
            {
                var inputs = texts.Select(t => new ReviewInput { Text = t }).ToArray();
                return Ok(_engine.Predict({|#2:inputs[0]|}).PredictedLabel);
            }

            [HttpPost("async-lambda")]
            public async Task<IActionResult> AsyncLambda(string text)
            {
                Func<Task<bool>> run = async () => { await Task.Yield(); return _engine.Predict({|#3:new ReviewInput { Text = text }|}).PredictedLabel; };
                return Ok(await run());
            }

            [HttpPost("not-from-request")]
            public IActionResult NotFromRequest() => Ok(_engine.Predict(new ReviewInput { Text = "constant sample" }).PredictedLabel);
        """),
        Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'text'", "PredictionEngine.Predict' through 'Score"),
        Verify.Diagnostic("SL2001").WithLocation(1).WithArguments("request parameter 'text'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(2).WithArguments("request parameter 'texts'", "PredictionEngine.Predict"),
        Verify.Diagnostic("SL2001").WithLocation(3).WithArguments("request parameter 'text'", "PredictionEngine.Predict"));
}

[Trait("Rule", "SL2001")]
public class SL2001SourceKindTests
{
    [Fact]
    public Task GrpcRequestMessage_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Grpc.Core;
        using Microsoft.ML;

        public class ScoreRequest { public string Text { get; set; } }
        public class ScoreReply { public bool Label { get; set; } }
        public class Output { public bool PredictedLabel { get; set; } }

        [BindServiceMethod(typeof(ScorerBase), "BindService")]
        public abstract class ScorerBase
        {
            public static void BindService() { }
            public abstract Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context);
        }

        public class Scorer : ScorerBase
        {
            private readonly PredictionEngine<ScoreRequest, Output> _engine;
            public Scorer(PredictionEngine<ScoreRequest, Output> engine) => _engine = engine;

            public override Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context) =>
                Task.FromResult(new ScoreReply { Label = _engine.Predict({|#0:request|}).PredictedLabel });
        }
        """, Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("gRPC request message 'request'", "PredictionEngine.Predict"));

    [Fact]
    public Task MinimalApi_MethodGroupAndLambda_WithAndWithoutGuards() => Verify.VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.ML;

        var app = WebApplication.Create(args);
        app.MapPost("/a", Handlers.Score);
        app.MapPost("/b", (string text, PredictionEngine<Input, Output> engine) =>
        {
            if (text.Length > 500)
                return Results.BadRequest();
            return Results.Ok(engine.Predict(new Input { Text = text }).PredictedLabel);
        });
        app.Run();

        public class Input { public string Text { get; set; } }
        public class Output { public bool PredictedLabel { get; set; } }

        static class Handlers
        {
            public static IResult Score(string text, PredictionEngine<Input, Output> engine) =>
                Results.Ok(engine.Predict({|#0:new Input { Text = text }|}).PredictedLabel);
        }
        """, Verify.Diagnostic("SL2001").WithLocation(0).WithArguments("request parameter 'text'", "PredictionEngine.Predict"));
}
